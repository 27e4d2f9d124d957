// Bundle directory life cycle: files go into a hidden temp dir next to the target
// (.NAME.recording-PID); finish() writes manifest.json last, fsyncs, and renames the dir into
// place. A failure or a full disk removes the temp dir, and a temp dir left by a SIGKILL has no
// manifest.json and a name no reader accepts: never a half bundle that looks complete.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BundleManifest } from './manifest';

export class BundleDir {
  readonly tmp: string;
  private done = false;

  constructor(readonly target: string) {
    const abs = path.resolve(target);
    this.tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.recording-${process.pid}`);
    fs.rmSync(this.tmp, { recursive: true, force: true });
    fs.mkdirSync(this.tmp, { recursive: true });
  }

  write(name: string, data: string | Uint8Array): void {
    const fd = fs.openSync(path.join(this.tmp, name), 'w');
    try {
      if (typeof data === 'string') fs.writeSync(fd, data);
      else fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  finish(manifest: BundleManifest): void {
    this.write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
    const dfd = fs.openSync(this.tmp, 'r');
    try { fs.fsyncSync(dfd); } finally { fs.closeSync(dfd); }
    fs.renameSync(this.tmp, path.resolve(this.target));
    this.done = true;
  }

  /** Removes the temp dir unless finished; safe in signal handlers. */
  abandon(): void {
    if (!this.done) fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}
