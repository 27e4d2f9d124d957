#!/usr/bin/env python3
"""Native baseline: liblz4 (Debian's shared library, through ctypes) LZ4_compress_fast over every
page of a corpus file. Prints pages, seconds, and the seconds of the same loop calling a no-op
ctypes function (the call overhead, to subtract). Usage: native-lz4.py CORPUS"""
import ctypes, sys, time

lib = ctypes.CDLL('liblz4.so.1')
data = open(sys.argv[1], 'rb').read()
n = len(data) // 4096
pages = [ctypes.create_string_buffer(data[i * 4096:(i + 1) * 4096], 4096) for i in range(n)]
dst = ctypes.create_string_buffer(8192)
f = lib.LZ4_compress_fast
f.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_int]
noop = lib.LZ4_versionNumber
t0 = time.perf_counter()
for p in pages:
    f(p, dst, 4096, 8192, 1)
t1 = time.perf_counter()
for p in pages:
    noop()
t2 = time.perf_counter()
print(f'{n} {t1 - t0:.6f} {t2 - t1:.6f}')
