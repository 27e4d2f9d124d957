#!/usr/bin/env python3
# Kernel oracle helper for lzo-kernel.test.ts, which owns the device (hot_add, configure,
# always reset + hot_remove). This script only writes and measures:
#   lzo-zram-sizes.py DEV MM_STAT PAGES_FILE
# Page i of PAGES_FILE goes with O_DIRECT (page-aligned mmap buffer) into never-written slot i;
# prints "<compr_data_size delta> <huge_pages delta>" per page, then reads every page back and
# exits 2 if any differs.
import mmap, os, sys

PAGE = 4096


def mm_stat(path):
    f = open(path).read().split()
    return int(f[1]), int(f[7])  # compr_data_size, huge_pages


def main():
    dev, stat_path, pages_path = sys.argv[1:4]
    data = open(pages_path, 'rb').read()
    n = len(data) // PAGE
    buf = mmap.mmap(-1, PAGE)
    fd = os.open(dev, os.O_RDWR | os.O_DIRECT)
    try:
        lines = []
        for i in range(n):
            buf.seek(0)
            buf.write(data[i * PAGE:(i + 1) * PAGE])
            c0, h0 = mm_stat(stat_path)
            if os.pwrite(fd, buf, i * PAGE) != PAGE:
                sys.exit('short write at page %d' % i)
            c1, h1 = mm_stat(stat_path)
            lines.append('%d %d' % (c1 - c0, h1 - h0))
        for i in range(n):
            if os.preadv(fd, [buf], i * PAGE) != PAGE or buf[:] != data[i * PAGE:(i + 1) * PAGE]:
                sys.exit(2)
    finally:
        os.close(fd)
    print('\n'.join(lines))


main()
