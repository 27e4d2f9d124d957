// An append-only file with a user-space buffer: frames are copied into one buffer and
// written with a single write(2) when it fills or on flush(), so small records cost a copy,
// not a syscall.
import * as fs from 'node:fs';
import { FRAME_HEADER_BYTES, putFrameHeader } from './frame';

export const DEFAULT_BUFFER_BYTES = 256 * 1024;

export class BufferedFile {
  private readonly buf: Buffer;
  private used = 0;
  private fd: number | null;
  /** Bytes in the file (written through, not buffered). */
  private written: number;
  private readFd: number | null = null;
  /** fsync(2) calls made: lets tests and tools check the fsync policy. */
  syncs = 0;

  constructor(readonly path: string, fd: number, bufferBytes = DEFAULT_BUFFER_BYTES) {
    this.fd = fd;
    this.buf = Buffer.allocUnsafe(Math.max(bufferBytes, 4096));
    this.written = fs.fstatSync(fd).size; // appends go after what is there
  }

  /** File offset of the next frame written. */
  get position(): number {
    return this.written + this.used;
  }

  /** `into.length` bytes at file `offset`, from bytes written before (flushed first if still
   * buffered). Through a read-only descriptor of its own: the writer's may be write-only. */
  readAt(offset: number, into: Uint8Array): Uint8Array {
    if (offset + into.length > this.written) this.flush();
    this.readFd ??= fs.openSync(this.path, 'r');
    let got = 0;
    while (got < into.length) {
      const n = fs.readSync(this.readFd, into, got, into.length - got, offset + got);
      if (n === 0) throw new Error(`${this.path}: ${into.length} bytes at ${offset} are past its end`);
      got += n;
    }
    return into;
  }

  /** Appends one frame (header + payload) to the buffer. */
  writeFrame(payload: Uint8Array): void {
    const n = FRAME_HEADER_BYTES + payload.length;
    if (this.used + n > this.buf.length) this.flush();
    if (n > this.buf.length) {
      const frame = Buffer.allocUnsafe(n);
      putFrameHeader(frame, 0, payload);
      frame.set(payload, FRAME_HEADER_BYTES);
      this.writeAll(frame);
      return;
    }
    putFrameHeader(this.buf, this.used, payload);
    this.buf.set(payload, this.used + FRAME_HEADER_BYTES);
    this.used += n;
  }

  /** Hands buffered bytes to the kernel (page cache): safe from a process crash, not from a power loss. */
  flush(): void {
    if (this.used === 0) return;
    const n = this.used;
    this.used = 0;
    this.writeAll(this.buf.subarray(0, n));
  }

  /** flush() then fsync(2): the bytes are on stable storage when this returns. */
  sync(): void {
    this.flush();
    fs.fsyncSync(this.openFd());
    this.syncs++;
  }

  get closed(): boolean {
    return this.fd === null;
  }

  close(): void {
    if (this.fd === null) return;
    try {
      this.flush();
    } finally {
      fs.closeSync(this.fd);
      this.fd = null;
      if (this.readFd !== null) fs.closeSync(this.readFd);
      this.readFd = null;
    }
  }

  private writeAll(bytes: Uint8Array): void {
    const fd = this.openFd();
    for (let off = 0; off < bytes.length; ) {
      const n = fs.writeSync(fd, bytes, off, bytes.length - off);
      off += n;
      this.written += n;
    }
  }

  private openFd(): number {
    if (this.fd === null) throw new Error(`${this.path}: write after close`);
    return this.fd;
  }
}
