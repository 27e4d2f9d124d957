// A JSON-lines file written all or nothing: lines go to a temporary file beside the target
// (buffered), and commit() renames it into place; abort() removes it. A failed or interrupted
// replay never leaves a half-written outputs file under the real name.
import * as fs from 'node:fs';
import * as path from 'node:path';

const FLUSH_BYTES = 256 * 1024;

export class LineFile {
  private readonly tmp: string;
  private readonly fd: number;
  private chunks: string[] = [];
  private size = 0;
  private done = false;

  constructor(readonly target: string) {
    this.tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    this.fd = fs.openSync(this.tmp, 'w');
    LIVE.add(this);
  }

  write(line: string): void {
    this.chunks.push(line);
    this.size += line.length;
    if (this.size >= FLUSH_BYTES) this.flush();
  }

  commit(): void {
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    fs.renameSync(this.tmp, this.target);
    this.done = true;
    LIVE.delete(this);
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    LIVE.delete(this);
    try { fs.closeSync(this.fd); } catch { /* already closed */ }
    try { fs.unlinkSync(this.tmp); } catch { /* already gone */ }
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    fs.writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }
}

/** Files not yet committed: removed if the process exits first (SIGINT, SIGTERM, a crash). */
const LIVE = new Set<LineFile>();
process.on('exit', () => { for (const f of [...LIVE]) f.abort(); });
