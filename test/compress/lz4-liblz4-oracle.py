#!/usr/bin/env python3
# Oracle for the lz4 tests: Debian's liblz4 (1.9.x) through ctypes.
#   sizes  PAGES_FILE ACCEL        -> one LZ4_compress_fast size per 4 KiB page
#   decode BLOCKS_FILE             -> "<LZ4_decompress_safe result> <crc32 of the output>" per block
#     (BLOCKS_FILE: u16 little-endian block length, then the block, repeated)
# Exit code 3 when liblz4 cannot be loaded, so the test can skip with a message.
import ctypes, sys, zlib

PAGE = 4096
try:
    lib = ctypes.CDLL('/lib/x86_64-linux-gnu/liblz4.so.1')
except OSError as e:
    print(f'liblz4 unavailable: {e}', file=sys.stderr)
    sys.exit(3)

def sizes(path, accel):
    data = open(path, 'rb').read()
    dst = ctypes.create_string_buffer(8192)
    out = []
    for off in range(0, len(data), PAGE):
        src = ctypes.create_string_buffer(data[off:off + PAGE], PAGE)
        out.append(str(lib.LZ4_compress_fast(src, dst, PAGE, 8192, accel)))
    print('\n'.join(out))

def decode(path):
    data = open(path, 'rb').read()
    dst = ctypes.create_string_buffer(PAGE)
    pos = 0
    while pos < len(data):
        n = data[pos] | (data[pos + 1] << 8)
        src = ctypes.create_string_buffer(data[pos + 2:pos + 2 + n], max(n, 1))
        pos += 2 + n
        r = lib.LZ4_decompress_safe(src, dst, n, PAGE)
        crc = zlib.crc32(dst.raw[:r]) if r >= 0 else 0
        print(f'{r} {crc}')

if sys.argv[1] == 'sizes':
    sizes(sys.argv[2], int(sys.argv[3]))
else:
    decode(sys.argv[2])
