// A JSON-lines output written all or nothing (src/io/output-file.ts), buffered: lines are
// gathered and written in large chunks. commit() puts it in place; abort() removes it. A failed
// or interrupted replay never leaves a half-written outputs file under the real name.
import { OutputFile } from '../io/output-file';

const FLUSH_BYTES = 256 * 1024;

export class LineFile {
  private readonly file: OutputFile;
  private chunks: string[] = [];
  private size = 0;

  constructor(readonly target: string) {
    this.file = new OutputFile(target);
  }

  write(line: string): void {
    this.chunks.push(line);
    this.size += line.length;
    if (this.size >= FLUSH_BYTES) this.flush();
  }

  commit(): void {
    this.flush();
    this.file.commit();
  }

  abort(): void {
    this.file.abort();
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    this.file.write(text);
  }
}
