// A JSON-lines output written all or nothing (src/io/output-file.ts), buffered: lines are
// gathered and written in large chunks. commit() puts it in place; abort() removes it. A failed
// or interrupted replay never leaves a half-written outputs file under the real name. A file may
// wait for its first line (the outputs header waits for the input's digest): lines written before
// it are kept in memory, joined in large chunks, and go out after it.
import { OutputFile } from '../io/output-file';

const FLUSH_BYTES = 256 * 1024;

export class LineFile {
  private readonly file: OutputFile;
  private chunks: string[] = [];
  private size = 0;
  private waiting: string[] | null;
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
    for (const text of waiting) this.file.write(text);
  }

  write(line: string): void {
    this.chunks.push(line);
    this.size += line.length;
    if (this.size >= FLUSH_BYTES) this.flush();
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
    if (this.chunks.length === 0) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (this.waiting) this.waiting.push(text);
    else this.file.write(text);
  }
}
