#!/usr/bin/env python3
"""Native baseline: liblz4 (Debian's shared library, through ctypes) LZ4_compress_fast over every
page of a corpus file. Prints pages, seconds, and the seconds of the same loop calling a no-op
ctypes function (the call overhead, to subtract); each the best of 3 passes. Usage: native-lz4.py CORPUS"""
import ctypes, sys, time

lib = ctypes.CDLL('liblz4.so.1')
data = open(sys.argv[1], 'rb').read()
n = len(data) // 4096
pages = [ctypes.create_string_buffer(data[i * 4096:(i + 1) * 4096], 4096) for i in range(n)]
dst = ctypes.create_string_buffer(8192)
f = lib.LZ4_compress_fast
f.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_int]
noop = lib.LZ4_versionNumber

def best(call, rounds=3):
    # the fastest of a few passes: a pure function's cost, without a cold first pass or a stray stall
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for p in pages:
            call(p)
        times.append(time.perf_counter() - t0)
    return min(times)


print(f'{n} {best(lambda p: f(p, dst, 4096, 8192, 1)):.6f} {best(lambda p: noop()):.6f}')
