// A JSON-lines output written all or nothing (src/io/output-file.ts), buffered: lines are
// encoded into a buffer written in large chunks. commit() puts it in place; abort() removes it.
// A failed or interrupted replay never leaves a half-written outputs file under the real name.
// Its first line may be reserved and written later (the outputs header waits for the input's
// digest): a placeholder of the same length goes first and is written over, so the lines after
// it go to the file as they come and nothing waits in memory.
import { OutputFile } from '../io/output-file';

const FLUSH_BYTES = 256 * 1024;

export class LineFile {
  private readonly file: OutputFile;
  private readonly buf = Buffer.allocUnsafe(FLUSH_BYTES); // lines are encoded straight into it
  private used = 0;
  private flushed = 0;       // bytes in the file
  private reserved = -1;     // byte length of the reserved first line, until it is written
  private aborted = false;

  constructor(readonly target: string) {
    this.file = new OutputFile(target);
  }

  /** Reserves the first line with `placeholder`: writeFirst() replaces it with a line of the same length. */
  reserveFirst(placeholder: string): void {
    if (this.flushed + this.used > 0) throw new Error(`${this.target}: the first line is already written`);
    this.write(placeholder);
    this.reserved = Buffer.byteLength(placeholder);
  }

  /** The reserved first line. */
  writeFirst(line: string): void {
    if (this.aborted) return; // the header may arrive after a failed replay gave up its outputs
    const bytes = Buffer.from(line);
    if (bytes.length !== this.reserved) {
      throw new Error(`${this.target}: a first line of ${bytes.length} bytes for ${this.reserved} reserved`);
    }
    this.reserved = -1;
    if (this.flushed === 0) bytes.copy(this.buf, 0); // still in the buffer
    else this.file.writeAt(bytes, 0);
  }

  write(line: string): void {
    if (this.used + 3 * line.length > this.buf.length) { // 3: the most UTF-8 bytes of a UTF-16 unit
      this.flush();
      if (3 * line.length > this.buf.length) { this.put(Buffer.from(line)); return; }
    }
    this.used += this.buf.write(line, this.used);
  }

  /** A line written by `put` straight into the buffer (at most maxBytes; no string is built);
   * false, with nothing written, when `put` declines (returns -1) or the line would not fit. */
  encode<T>(maxBytes: number, put: (buf: Uint8Array, at: number, x: T) => number, x: T): boolean {
    if (maxBytes > this.buf.length) return false;
    if (this.used + maxBytes > this.buf.length) this.flush();
    const end = put(this.buf, this.used, x);
    if (end < 0) return false;
    this.used = end;
    return true;
  }

  commit(): void {
    if (this.reserved >= 0) throw new Error(`${this.target}: its first line never came`);
    this.flush();
    this.file.commit();
  }

  abort(): void {
    this.aborted = true;
    this.file.abort();
  }

  private flush(): void {
    if (this.used === 0) return;
    this.put(this.buf.subarray(0, this.used));
    this.used = 0;
  }

  private put(b: Buffer): void {
    this.file.write(b);
    this.flushed += b.length;
  }
}
