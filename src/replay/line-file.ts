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
    track(this, true);
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
    track(this, false);
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    track(this, false);
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

/** Files not yet committed: removed if the process exits first (SIGINT, SIGTERM, a crash).
 * The signal handlers exit, so other 'exit' handlers (a private device's cleanup) run too. */
const LIVE = new Set<LineFile>();
process.on('exit', () => { for (const f of [...LIVE]) f.abort(); });
const onInt = (): void => process.exit(130);
const onTerm = (): void => process.exit(143);

/** Signal handlers only while a file is open: otherwise the default (exit) must stay. */
function track(f: LineFile, live: boolean): void {
  const before = LIVE.size;
  if (live) LIVE.add(f); else LIVE.delete(f);
  if (before === 0 && LIVE.size === 1) { process.on('SIGINT', onInt); process.on('SIGTERM', onTerm); }
  if (before > 0 && LIVE.size === 0) { process.off('SIGINT', onInt); process.off('SIGTERM', onTerm); }
}
