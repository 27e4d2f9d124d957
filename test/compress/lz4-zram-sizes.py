#!/usr/bin/env python3
# Kernel oracle for the lz4 tests. The caller (lz4-kernel.test.ts) owns the device lifecycle:
# it hot_adds, configures and always resets + hot_removes it; this helper only writes.
#   lz4-zram-sizes.py DEV MM_STAT PAGES_FILE
# For each 4 KiB page i of PAGES_FILE: write it with O_DIRECT into the never-written slot i
# (page-aligned mmap buffer, one bio), then print "<compr_data_size delta> <huge_pages delta>".
import mmap, os, sys

PAGE = 4096
dev, mm_stat, pages = sys.argv[1], sys.argv[2], sys.argv[3]

def stat():
    f = open(mm_stat).read().split()
    return int(f[1]), int(f[7])  # compr_data_size, huge_pages

data = open(pages, 'rb').read()
buf = mmap.mmap(-1, PAGE)
fd = os.open(dev, os.O_RDWR | os.O_DIRECT)
try:
    out = []
    for i in range(len(data) // PAGE):
        buf.seek(0)
        buf.write(data[i * PAGE:(i + 1) * PAGE])
        c0, h0 = stat()
        if os.pwrite(fd, buf, i * PAGE) != PAGE:
            raise OSError('short write')
        c1, h1 = stat()
        out.append(f'{c1 - c0} {h1 - h0}')
    print('\n'.join(out))
finally:
    os.close(fd)
