#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Benchmark baseline only (tools/bench/driver-io.ts): the I/O path zram-ref used before its
Node-native driver, kept so the speed-up is measured in the same run. One JSON request per line
on stdin, one reply per line on stdout, payloads in base64, one O_DIRECT pwrite/pread per
request from a page-aligned mmap buffer:
  {"op":"pwrite","off":O,"data":B64} -> {"ok":true,"n":N}
  {"op":"pread","off":O,"len":L}     -> {"ok":true,"data":B64}
Usage: coprocess-baseline.py DEVICE"""
import binascii, json, mmap, os, sys

buf = mmap.mmap(-1, 1 << 20)
fd = os.open(sys.argv[1], os.O_RDWR | os.O_DIRECT)
out = sys.stdout.buffer
for line in sys.stdin.buffer:
    req = json.loads(line)
    if req["op"] == "pwrite":
        data = binascii.a2b_base64(req["data"])
        buf[: len(data)] = data
        n = os.pwrite(fd, memoryview(buf)[: len(data)], req["off"])
        out.write(b'{"ok":true,"n":%d}\n' % n)
    else:
        got = os.preadv(fd, [memoryview(buf)[: req["len"]]], req["off"])
        out.write(b'{"ok":true,"data":"' + binascii.b2a_base64(memoryview(buf)[:got], newline=False) + b'"}\n')
    out.flush()
os.close(fd)
