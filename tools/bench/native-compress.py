#!/usr/bin/env python3
"""Native baseline: Debian's liblz4 LZ4_compress_fast (acceleration 1) or liblzo2 lzo1x_1_compress
(the kernel's lzo), through ctypes, over every page of a corpus file. Prints pages, seconds, and the
seconds of the same loop calling a no-op ctypes function (the call overhead, to subtract); each the
best of 3 passes. Usage: native-compress.py CORPUS [lz4|lzo] (default lz4)"""
import ctypes, sys, time

data = open(sys.argv[1], 'rb').read()
alg = sys.argv[2] if len(sys.argv) > 2 else 'lz4'
n = len(data) // 4096
pages = [ctypes.create_string_buffer(data[i * 4096:(i + 1) * 4096], 4096) for i in range(n)]
dst = ctypes.create_string_buffer(8192)
if alg == 'lz4':
    lib = ctypes.CDLL('liblz4.so.1')
    f = lib.LZ4_compress_fast
    f.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_int]
    compress = lambda p: f(p, dst, 4096, 8192, 1)
    noop = lib.LZ4_versionNumber
elif alg == 'lzo':
    lib = ctypes.CDLL('liblzo2.so.2')
    # lzo_init(): the library checks the caller's type sizes (LZO_VERSION 0x20a0, then the sizes
    # of short, int, long, lzo_uint32, lzo_uint, dict pointer, char pointer, void pointer, callback)
    if lib.__lzo_init_v2(0x20a0, 2, 4, 8, 4, 8, 8, 8, 8, 48) != 0:
        sys.exit('liblzo2: lzo_init failed')
    f = lib.lzo1x_1_compress
    f.argtypes = [ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_char_p]
    out_len = ctypes.c_ulong(0)
    work = ctypes.create_string_buffer(1 << 20)  # LZO1X_1_MEM_COMPRESS: 16 Ki dictionary entries, 128 KiB here
    compress = lambda p: f(p, 4096, dst, ctypes.byref(out_len), work)
    noop = lib.lzo_version
else:
    sys.exit(f'unknown algorithm {alg}: lz4 or lzo')


def best(call, rounds=3):
    # the fastest of a few passes: a pure function's cost, without a cold first pass or a stray stall
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for p in pages:
            call(p)
        times.append(time.perf_counter() - t0)
    return min(times)


print(f'{n} {best(compress):.6f} {best(lambda p: noop()):.6f}')
