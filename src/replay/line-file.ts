// A JSON-lines output written all or nothing (src/io/output-file.ts), buffered: lines are
// gathered and written in large chunks. commit() puts it in place; abort() removes it. A failed
// or interrupted replay never leaves a half-written outputs file under the real name. A file may
// wait for its first line (the outputs header waits for the input's digest): lines written before
// it are kept in memory, joined in large chunks, and go out after it.
import { OutputFile } from '../io/output-file';

const FLUSH_BYTES = 256 * 1024;

export class LineFile {
  private readonly file: OutputFile;
  private buf = Buffer.allocUnsafe(FLUSH_BYTES); // lines are encoded straight into it: no joined string
  private used = 0;
  private waiting: Buffer[] | null;
  private aborted = false;

  constructor(readonly target: string, firstLineLater = false) {
    this.file = new OutputFile(target);
    this.waiting = firstLineLater ? [] : null;
  }

  /** The first line, when the file was made with `firstLineLater`. */
  writeFirst(line: string): void {
    if (this.aborted) return; // the header may arrive after a failed replay gave up its outputs
    const waiting = this.waiting;
    if (!waiting) throw new Error(`${this.target}: a first line was not awaited`);
    this.waiting = null;
    this.file.write(line);
    for (const b of waiting) this.file.write(b);
  }

  write(line: string): void {
    if (this.used + 3 * line.length > this.buf.length) { // 3: the most UTF-8 bytes of a UTF-16 unit
      this.flush();
      if (3 * line.length > this.buf.length) { this.put(Buffer.from(line)); return; }
    }
    this.used += this.buf.write(line, this.used);
  }

  commit(): void {
    if (this.waiting) throw new Error(`${this.target}: its first line never came`);
    this.flush();
    this.file.commit();
  }

  abort(): void {
    this.aborted = true;
    this.file.abort();
  }

  private flush(): void {
    if (this.used === 0) return;
    const full = this.buf.subarray(0, this.used);
    this.used = 0;
    if (!this.waiting) { this.file.write(full); return; }
    this.waiting.push(full); // kept until the first line: a new buffer for what follows
    this.buf = Buffer.allocUnsafe(FLUSH_BYTES);
  }

  private put(b: Buffer): void {
    if (this.waiting) this.waiting.push(b);
    else this.file.write(b);
  }
}
