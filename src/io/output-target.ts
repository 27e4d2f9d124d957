// Which names a run may write: never over something that is not a regular file (a device node
// such as /dev/null, a FIFO, a directory), never over one of the run's own inputs (same path
// after symlinks, or the same inode under another name), never twice in one run (-o X --html X).
// Checked before any work starts, so a refusal costs nothing and destroys nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A refused or failed output: one line naming the file and the fix; bad usage (exit 2). */
export class OutputFileError extends Error {
  override readonly name = 'OutputFileError';
  readonly exitCode = 2;
}

function statOrNull(p: string): fs.Stats | null {
  try { return fs.statSync(p); } catch { return null; }
}

function realOrResolved(p: string): string {
  try { return fs.realpathSync(p); } catch { return path.resolve(p); }
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device node';
  return st.isSocket() ? 'a socket' : 'not a regular file';
}

/** The files an input name stands for: itself (file or directory) and, for a blktrace name
 * NAME, its NAME.blktrace.N files. */
export function inputFiles(name: string): string[] {
  const dir = path.dirname(path.resolve(name));
  const prefix = `${path.basename(name)}.blktrace.`;
  let siblings: string[] = [];
  try {
    siblings = fs.readdirSync(dir).filter((f) => f.startsWith(prefix)).map((f) => path.join(dir, f));
  } catch { /* no directory: no siblings */ }
  return [name, ...siblings];
}

/** One run's outputs, checked against its inputs and against each other. */
export class OutputPlan {
  private readonly inputs: { file: string; real: string; st: fs.Stats }[] = [];
  private readonly claimed = new Map<string, string>(); // real path -> option that named it

  constructor(inputNames: readonly string[]) {
    for (const name of inputNames.flatMap(inputFiles)) {
      const st = statOrNull(name);
      if (st) this.inputs.push({ file: name, real: realOrResolved(name), st });
    }
  }

  /** Claims `target` for the option `what` (e.g. '-o'); throws OutputFileError if refused. */
  claim(target: string, what: string): void {
    const real = realOrResolved(target);
    const st = statOrNull(target);
    if (st && !st.isFile()) {
      throw new OutputFileError(`${what} ${target}: is ${kindOf(st)}; outputs are written only as regular files: ` +
        'choose a file path');
    }
    const dup = this.claimed.get(real);
    if (dup !== undefined) {
      throw new OutputFileError(`${what} ${target}: also given as ${dup}: give each output its own file`);
    }
    for (const i of this.inputs) {
      const same = i.real === real || (st !== null && i.st.dev === st.dev && i.st.ino === st.ino);
      const inside = i.st.isDirectory() && st !== null && real.startsWith(i.real + path.sep);
      if (same || inside) {
        const where = same ? 'an input' : `inside the input ${i.file}`;
        throw new OutputFileError(`${what} ${target}: is ${where} of this run: write the output to another file`);
      }
    }
    const dir = path.dirname(real);
    const dst = statOrNull(dir);
    if (!dst?.isDirectory()) {
      throw new OutputFileError(`${what} ${target}: directory ${dir} does not exist: create it first`);
    }
    this.claimed.set(real, `${what} ${target}`);
  }
}
