// Buffered synchronous output to a file descriptor: large prints (millions of lines) without
// building one giant string, and without node's async stdout queue growing unboundedly.
import * as fs from 'node:fs';

export class BufferedWriter {
  private parts: string[] = [];
  private size = 0;
  private broken = false;

  constructor(private readonly fd: number, private readonly limit = 1 << 16) {}

  write(s: string): void {
    if (s.length === 0) return;
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= this.limit) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0 || this.broken) { this.parts = []; this.size = 0; return; }
    const buf = Buffer.from(this.parts.join(''), 'latin1');
    this.parts = [];
    this.size = 0;
    let off = 0;
    while (off < buf.length) {
      try {
        off += fs.writeSync(this.fd, buf, off, buf.length - off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2); continue; }
        if (code === 'EPIPE') { this.broken = true; return; }
        throw e;
      }
    }
  }
}

/** Buffered binary output to a new file (blkparse -d). */
export class BinaryFile {
  private readonly fd: number;
  private readonly buf = new Uint8Array(1 << 17);
  private used = 0;

  constructor(path: string) {
    this.fd = fs.openSync(path, 'w');
  }

  write(b: Uint8Array): void {
    if (this.used + b.length > this.buf.length) this.flush();
    if (b.length > this.buf.length) { fs.writeSync(this.fd, b); return; }
    this.buf.set(b, this.used);
    this.used += b.length;
  }

  flush(): void {
    if (this.used) fs.writeSync(this.fd, this.buf, 0, this.used);
    this.used = 0;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

/** An output file (blkparse -o / -d) written under a temporary name and renamed into place only
 * when the run succeeded, so a failure never leaves a half-written file; "-" is stdout. */
export class AtomicFile {
  private readonly tmp: string | null;
  private readonly out: BinaryFile | null;
  private readonly std: BufferedWriter | null;

  constructor(private readonly path: string) {
    this.tmp = path === '-' ? null : `${path}.tmp-${process.pid}`;
    this.out = this.tmp ? new BinaryFile(this.tmp) : null;
    this.std = this.tmp ? null : new BufferedWriter(1);
  }

  write(b: Uint8Array): void {
    if (this.out) this.out.write(b);
    else this.std!.write(Buffer.from(b).toString('latin1'));
  }

  close(commit: boolean): void {
    this.std?.flush();
    if (!this.out || !this.tmp) return;
    this.out.close();
    if (commit) fs.renameSync(this.tmp, this.path);
    else fs.rmSync(this.tmp, { force: true });
  }
}
