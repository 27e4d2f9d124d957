#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""O_DIRECT I/O co-process for `zram-ref record` workloads: one process = one submitting thread.

Each request is one system call on the block device (one pwrite/pread = one bio of up to
1 MiB, BLKDISCARD, BLKZEROOUT), stamped with CLOCK_MONOTONIC ns right before and right after
it, so the recorder can tie the trace's Q record (same clock, trace_clock=mono) to the request.
The pid in every reply is the pid the kernel writes into the trace records of this thread.

Protocol: one JSON object per line on stdin, one reply per line on stdout, in order.
  {"op":"open","path":P}                        -> {"ok":true,"pid":N}
  {"op":"pwrite","off":O,"data":B64}            -> {"ok":true,"n":written,"t0":ns,"t1":ns}
  {"op":"pread","off":O,"len":L}                -> {"ok":true,"n":read,"t0":ns,"t1":ns}
  {"op":"discard"|"zeroout","off":O,"len":L}    -> {"ok":true,"t0":ns,"t1":ns}
  {"op":"quit"}                                 -> closes the device, replies, exits
Failures reply {"ok":false,"errno":"EIO","msg":"...","t0":ns,"t1":ns}.
On stdin EOF (the recorder died) the process closes its fd and exits: it never touches sysfs;
`zram-ref record --cleanup` removes what a dead recorder left.
"""
import base64, errno, fcntl, json, mmap, os, struct, sys, time

BLKDISCARD = 0x1277
BLKZEROOUT = 0x127F
MAX_IO = 1 << 20
MONO = time.CLOCK_MONOTONIC
buf = mmap.mmap(-1, MAX_IO)  # page aligned, as O_DIRECT needs
fd = None


def now():
    return time.clock_gettime_ns(MONO)


def call(fn):
    t0 = now()
    try:
        r = fn()
        t1 = now()
        r.update(ok=True, t0=t0, t1=t1)
        return r
    except OSError as e:
        t1 = now()
        name = errno.errorcode.get(e.errno, "E%d" % e.errno)
        return {"ok": False, "errno": name, "msg": os.strerror(e.errno), "t0": t0, "t1": t1}


def do_pwrite(req):
    data = base64.b64decode(req["data"])
    if len(data) > MAX_IO:
        raise OSError(errno.E2BIG, "write larger than one bio")
    buf[: len(data)] = data
    view = memoryview(buf)[: len(data)]
    return call(lambda: {"n": os.pwrite(fd, view, req["off"])})


def do_pread(req):
    n = req["len"]
    if n > MAX_IO:
        raise OSError(errno.E2BIG, "read larger than one bio")
    view = memoryview(buf)[:n]
    return call(lambda: {"n": os.preadv(fd, [view], req["off"])})


def do_ioctl(req, code):
    arg = struct.pack("=QQ", req["off"], req["len"])

    def run():
        fcntl.ioctl(fd, code, arg)
        return {}
    return call(run)


def main():
    global fd
    out = sys.stdout
    for line in sys.stdin:
        req = json.loads(line)
        op = req["op"]
        try:
            if op == "quit":
                break
            if op == "open":
                fd = os.open(req["path"], os.O_RDWR | os.O_DIRECT)
                reply = {"ok": True, "pid": os.getpid()}
            elif op == "pwrite":
                reply = do_pwrite(req)
            elif op == "pread":
                reply = do_pread(req)
            elif op == "discard":
                reply = do_ioctl(req, BLKDISCARD)
            elif op == "zeroout":
                reply = do_ioctl(req, BLKZEROOUT)
            else:
                reply = {"ok": False, "errno": "EINVAL", "msg": "unknown op " + op}
        except OSError as e:
            reply = {"ok": False, "errno": errno.errorcode.get(e.errno, "EIO"), "msg": os.strerror(e.errno)}
        out.write(json.dumps(reply) + "\n")
        out.flush()
    if fd is not None:
        os.close(fd)
    out.write('{"ok":true}\n')
    out.flush()


if __name__ == "__main__":
    main()
