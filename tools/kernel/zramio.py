#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""O_DIRECT I/O co-process for one private zram device (driven by tools/kernel/kernel-zram.ts).

Node can neither guarantee buffer alignment nor issue ioctls, so this process does the
block-device side: it holds the fds, issues one pwrite/pread (= one bio, up to 1 MiB) per
request from an mmap-allocated (page-aligned) buffer, and runs BLKDISCARD / BLKZEROOUT.

Protocol: one JSON object per line on stdin, one reply per line on stdout, in order.
  {"op":"open"}                          -> {"ok":true,"fd":N}
  {"op":"close","fd":N}                  -> {"ok":true}
  {"op":"pwrite","fd":N,"off":O,"data":B64} -> {"ok":true,"n":written}
  {"op":"pread","fd":N,"off":O,"len":L}  -> {"ok":true,"data":B64}   (data may be short)
  {"op":"discard"|"zeroout","fd":N,"off":O,"len":L} -> {"ok":true}
  {"op":"quit"}                          -> closes every fd, replies, exits
Failures reply {"ok":false,"errno":"EINVAL","msg":"..."} with the kernel's errno name.

If stdin reaches EOF without "quit" (the Node parent died without cleaning up), the
process closes its fds, resets the device and hot-removes it, so no device leaks; with
--attached (a device the caller did not create) it only closes its fds.
"""
import binascii, errno, fcntl, json, mmap, os, signal, struct, sys

BLKDISCARD = 0x1277
BLKZEROOUT = 0x127F
MAX_IO = 1 << 20  # one bio: 256 pages

dev_id = int(sys.argv[1])
# --attached: the device belongs to the user (replay --target /dev/zramN): never reset or remove it.
attached = "--attached" in sys.argv[2:]
dev_path = "/dev/zram%d" % dev_id
buf = mmap.mmap(-1, MAX_IO)  # anonymous mmap: page aligned, as O_DIRECT needs
fds = set()


def err_reply(e):
    name = errno.errorcode.get(e.errno, "E%d" % e.errno)
    return {"ok": False, "errno": name, "msg": os.strerror(e.errno)}


def check_fd(fd):
    if fd not in fds:
        raise OSError(errno.EBADF, "not an fd of this device")


def do_pwrite(req):
    fd = req["fd"]; check_fd(fd)
    data = binascii.a2b_base64(req["data"])
    if len(data) > MAX_IO:
        raise OSError(errno.E2BIG, "write larger than one bio")
    buf[: len(data)] = data
    return {"ok": True, "n": os.pwrite(fd, memoryview(buf)[: len(data)], req["off"])}


def do_pread(req):
    fd = req["fd"]; check_fd(fd)
    n = req["len"]
    if n > MAX_IO:
        raise OSError(errno.E2BIG, "read larger than one bio")
    got = os.preadv(fd, [memoryview(buf)[:n]], req["off"])
    # Built by hand: json.dumps would rescan a ~1.4 MB string for escapes.
    return b'{"ok":true,"data":"' + binascii.b2a_base64(memoryview(buf)[:got], newline=False) + b'"}\n'


def do_ioctl(req, code):
    fd = req["fd"]; check_fd(fd)
    fcntl.ioctl(fd, code, struct.pack("=QQ", req["off"], req["len"]))
    return {"ok": True}


def do_open(_req):
    fd = os.open(dev_path, os.O_RDWR | os.O_DIRECT)
    fds.add(fd)
    return {"ok": True, "fd": fd}


def do_close(req):
    fd = req["fd"]; check_fd(fd)
    fds.discard(fd)
    os.close(fd)
    return {"ok": True}


def close_all():
    for fd in list(fds):
        try:
            os.close(fd)
        except OSError:
            pass
    fds.clear()


def orphan_cleanup():
    close_all()
    if attached:
        return
    for path, value in (("/sys/block/zram%d/reset" % dev_id, "1"),
                        ("/sys/class/zram-control/hot_remove", str(dev_id))):
        try:
            with open(path, "w") as f:
                f.write(value)
        except OSError as e:
            sys.stderr.write("zramio: cleanup %s: %s\n" % (path, e))


HANDLERS = {
    "open": do_open, "close": do_close, "pwrite": do_pwrite, "pread": do_pread,
    "discard": lambda r: do_ioctl(r, BLKDISCARD), "zeroout": lambda r: do_ioctl(r, BLKZEROOUT),
}


def reply_to(out, data):
    try:
        out.write(data); out.flush()
        return True
    except BrokenPipeError:  # the parent died mid-request: clean up like on EOF
        return False


def main():
    # Ctrl-C reaches the whole process group; the Node parent coordinates cleanup, so ignore it here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:  # bytes: no text decoding of large lines
        try:
            req = json.loads(line)
            op = req["op"]
        except (ValueError, KeyError, TypeError) as e:  # a driver bug, not a kernel result
            reply_to(out, json.dumps({"ok": False, "errno": "EPROTO", "msg": "bad request: %s" % e}).encode() + b"\n")
            continue
        if op == "quit":
            close_all()
            reply_to(out, b'{"ok":true}\n')
            return
        try:
            reply = HANDLERS[op](req)
        except OSError as e:
            reply = err_reply(e)
        except (KeyError, ValueError, TypeError) as e:
            reply = {"ok": False, "errno": "EPROTO", "msg": "bad request: %r" % (e,)}
        if not reply_to(out, reply if isinstance(reply, bytes) else json.dumps(reply).encode() + b"\n"):
            break
    orphan_cleanup()


if __name__ == "__main__":
    main()
