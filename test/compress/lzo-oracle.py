#!/usr/bin/env python3
# Test oracle: runs Debian's liblzo2 on records from a file and prints one line per record.
#   lzo-oracle.py compress   FILE  -> "<len> <hex>"  (lzo1x_1_15_compress, == kernel lzo, v0)
#   lzo-oracle.py decompress FILE  -> "<ret> <len> <hex>" (lzo1x_decompress_safe into 64 KiB)
# FILE holds records: a little-endian u32 length, then that many bytes.
# Exit code 3: liblzo2 is missing (the caller skips).
import ctypes, struct, sys

LIB = '/lib/x86_64-linux-gnu/liblzo2.so.2'
LZO_VERSION = 0x20a0
PTR = ctypes.sizeof(ctypes.c_void_p)
MEM_COMPRESS = 32768 * PTR  # LZO1X_1_15_MEM_COMPRESS (32768 * lzo_sizeof_dict_t)


def load():
    try:
        lib = ctypes.CDLL(LIB)
    except OSError:
        sys.exit(3)
    # lzo_init(): the library checks that the caller's view of its types matches.
    sizes = (2, 4, ctypes.sizeof(ctypes.c_long), 4, PTR, PTR, PTR, PTR, 6 * PTR)
    rc = lib.__lzo_init_v2(ctypes.c_uint(LZO_VERSION), *[ctypes.c_int(s) for s in sizes])
    if rc != 0:
        sys.exit('__lzo_init_v2 failed: %d' % rc)
    return lib


def records(path):
    data = open(path, 'rb').read()
    pos = 0
    while pos < len(data):
        (n,) = struct.unpack_from('<I', data, pos)
        yield data[pos + 4:pos + 4 + n]
        pos += 4 + n


def main():
    mode, path = sys.argv[1], sys.argv[2]
    lib = load()
    wrk = ctypes.create_string_buffer(MEM_COMPRESS)
    out = ctypes.create_string_buffer(1 << 20)
    out_len = ctypes.c_size_t()
    lines = []
    for rec in records(path):
        if mode == 'compress':
            out_len.value = 0
            rc = lib.lzo1x_1_15_compress(rec, ctypes.c_size_t(len(rec)), out, ctypes.byref(out_len), wrk)
            if rc != 0:
                sys.exit('compress failed: %d' % rc)
            lines.append('%d %s' % (out_len.value, out.raw[:out_len.value].hex()))
        else:
            out_len.value = 65536
            rc = lib.lzo1x_decompress_safe(rec, ctypes.c_size_t(len(rec)), out, ctypes.byref(out_len), None)
            lines.append('%d %d %s' % (rc, out_len.value, out.raw[:out_len.value].hex()))
    sys.stdout.write('\n'.join(lines) + '\n')


main()
