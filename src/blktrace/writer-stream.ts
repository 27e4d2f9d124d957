// Buffered synchronous output to a file descriptor: large prints (millions of lines) without
// building one giant string, and without node's async stdout queue growing unboundedly.
import * as fs from 'node:fs';
import { OutputFile } from '../io/output-file';

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

/** Buffered output to a file (blkparse -d, -o), written all or nothing (src/io/output-file.ts):
 * close() puts it in place, abort() removes it. "-" is standard output. */
export class BinaryFile {
  private readonly file: OutputFile | { write(b: Uint8Array): void; commit(): void; abort(): void };
  private readonly buf = new Uint8Array(1 << 17);
  private used = 0;

  constructor(path: string) {
    this.file = path === '-' ? stdoutSink() : new OutputFile(path);
  }

  write(b: Uint8Array): void {
    if (this.used + b.length > this.buf.length) this.flush();
    if (b.length > this.buf.length) { this.file.write(b); return; }
    this.buf.set(b, this.used);
    this.used += b.length;
  }

  flush(): void {
    if (this.used) this.file.write(this.buf.subarray(0, this.used));
    this.used = 0;
  }

  close(): void {
    this.flush();
    this.file.commit();
  }

  abort(): void {
    this.file.abort();
  }
}

function stdoutSink(): { write(b: Uint8Array): void; commit(): void; abort(): void } {
  const w = new BufferedWriter(1);
  return { write: (b) => w.write(Buffer.from(b).toString('latin1')), commit: () => w.flush(), abort: () => w.flush() };
}
