#!/usr/bin/env python3
"""Baseline for the zram write benchmark: write every page of a corpus file to a zram device
with O_DIRECT, one 4 KiB pwrite (one bio) per page, from one page-aligned mmap buffer; print
the seconds spent in the write loop. Usage: kernel-write.py DEVICE CORPUS"""
import mmap, os, sys, time

dev, corpus = sys.argv[1], sys.argv[2]
data = open(corpus, 'rb').read()
n = len(data) // 4096
buf = mmap.mmap(-1, 4096)
fd = os.open(dev, os.O_RDWR | os.O_DIRECT)
try:
    t0 = time.perf_counter()
    for i in range(n):
        buf[:] = data[i * 4096:(i + 1) * 4096]
        os.pwrite(fd, buf, i * 4096)
    t1 = time.perf_counter()
    # Same loop without the device: what the copy and loop cost, so it can be reported apart.
    null = os.open('/dev/null', os.O_WRONLY)
    t2 = time.perf_counter()
    for i in range(n):
        buf[:] = data[i * 4096:(i + 1) * 4096]
        os.pwrite(null, buf, 0)
    t3 = time.perf_counter()
    os.close(null)
finally:
    os.close(fd)
print(f'{n} {t1 - t0:.6f} {t3 - t2:.6f}')
