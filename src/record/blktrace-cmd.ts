// blktrace(8) as the capture method where the kernel allows it (no lockdown): detection by
// trying it, and a capture session writing the same NAME.blktrace.N files. Under lockdown the
// relay files give EPERM and blktrace still exits 0 (observed here), so stderr decides.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMounted, mountFs, unmountFs } from './mounts';

/** `mountedDebugfs`: the probe mounted debugfs and left it mounted because blktrace works and
 * the capture needs it; the capture unmounts it (unmountDebugfs) when done. */
export interface BlktraceProbe { readonly works: boolean; readonly why: string; readonly mountedDebugfs: boolean }

export const DEBUGFS = '/sys/kernel/debug';

export function unmountDebugfs(): void {
  unmountFs('debugfs', DEBUGFS);
}

/** Runs blktrace for one second on the device, mounting debugfs for it if needed (`onMount` is
 * told at once, so a state file knows before anything else can fail). */
export function probeBlktrace(devPath: string, tmpDir: string, onMount?: () => void): BlktraceProbe {
  const wasMounted = isMounted(DEBUGFS, 'debugfs');
  if (!wasMounted) {
    try {
      mountFs('debugfs', DEBUGFS);
    } catch {
      return { works: false, why: 'debugfs cannot be mounted', mountedDebugfs: false };
    }
    onMount?.();
  }
  let works = false;
  try {
    const r = spawnSync('blktrace', ['-d', devPath, '-D', tmpDir, '-o', 'probe', '-w', '1'],
      { encoding: 'utf8', timeout: 10_000 });
    if (r.error) return { works, why: `blktrace: ${r.error.message}`, mountedDebugfs: false };
    const err = (r.stderr ?? '').trim();
    if (r.status !== 0 || /failed|not permitted/i.test(err)) {
      return { works, why: err.split('\n')[0] || `exit ${r.status}`, mountedDebugfs: false };
    }
    works = true;
    return { works, why: 'blktrace(8) ran', mountedDebugfs: !wasMounted };
  } finally {
    for (const f of fs.readdirSync(tmpDir)) if (f.startsWith('probe.blktrace.')) fs.rmSync(path.join(tmpDir, f));
    if (!works && !wasMounted) { try { unmountDebugfs(); } catch { /* reported by the state file's clean-up */ } }
  }
}

/** A blktrace(8) run until stop(): SIGINT makes it flush and print its summary. */
export class BlktraceCmdSession {
  private child: ChildProcess | null = null;
  private stderr = '';

  constructor(private readonly devPath: string, private readonly dir: string, private readonly name: string) {}

  start(): void {
    this.child = spawn('blktrace', ['-d', this.devPath, '-D', this.dir, '-o', this.name, '-b', '4096', '-n', '8'],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child.stderr!.on('data', (c: Buffer) => { this.stderr += c.toString(); });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async stop(): Promise<{ lost: number; files: string[] }> {
    const c = this.child;
    if (!c) return { lost: 0, files: [] };
    const done = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGINT');
    await done;
    this.child = null;
    const dropped = [...this.stderr.matchAll(/(\d+) (?:dropped|events dropped)|dropped (\d+)/g)]
      .reduce((a, m) => a + Number(m[1] ?? m[2]), 0);
    const files = fs.readdirSync(this.dir).filter((f) => f.startsWith(`${this.name}.blktrace.`));
    return { lost: dropped, files };
  }

  /** Synchronous (signal handlers): SIGINT lets blktrace tear the kernel trace down; SIGKILL
   * only if it has not exited after 3 s. */
  cleanup(): void {
    const c = this.child;
    this.child = null;
    if (!c?.pid || c.exitCode !== null) return;
    c.kill('SIGINT');
    const end = Date.now() + 3000;
    while (Date.now() < end && !exited(c.pid)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    if (!exited(c.pid)) c.kill('SIGKILL');
  }
}

function exited(pid: number): boolean {
  try {
    const st = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return st.slice(st.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
