// When has the follower seen every trace record of events before a given moment? The per-CPU
// readers (`cat trace_pipe > file`) have latency: a record is in the ring buffer, or read by cat
// but not yet written, or in the file. After the moment T: once every CPU's ring buffer is
// empty (`entries: 0`) and every reader is asleep in read(2) on its trace_pipe, each reader has
// written all it read before (cat writes a chunk before its next read), so the files hold every
// record committed before T. Without reader pids (blktrace(8)), the files must stop growing.
import * as fs from 'node:fs';
import { readCpuStats } from './ftrace-settings';

export interface FollowReader { readonly cpu: number; readonly pid: number; readonly file: string }

export interface FollowSource {
  readonly files: readonly string[];
  /** ftrace path: the tracefs root and the readers; null for blktrace(8). */
  readonly ftrace: { readonly root: string; readonly readers: readonly FollowReader[] } | null;
}

const SYS_READ = '0'; // x86-64 and arm64 differ; only x86-64 is measured here (see asleepInRead)

/** True when the task sleeps inside read(2): /proc/PID/stat state S and /proc/PID/syscall 0. */
export function asleepInRead(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'S') return false;
    const sys = fs.readFileSync(`/proc/${pid}/syscall`, 'utf8').trim().split(' ')[0];
    return sys === (process.arch === 'arm64' ? '63' : SYS_READ);
  } catch {
    return false; // gone: the capture reports its readers
  }
}

function sizes(files: readonly string[]): string {
  return files.map((f) => { try { return fs.statSync(f).size; } catch { return -1; } }).join(',');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves once the files hold every record committed before the call; false on timeout. */
export async function caughtUp(src: FollowSource, timeoutMs = 10_000, pollMs = 1): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  if (src.ftrace === null) {
    let before = sizes(src.files);
    for (;;) {
      await sleep(50);
      const now = sizes(src.files);
      if (now === before) return true;
      if (Date.now() > deadline) return false;
      before = now;
    }
  }
  const { root, readers } = src.ftrace;
  for (;;) {
    const empty = readers.every((r) => readCpuStats(root, r.cpu).entries === 0);
    if (empty && readers.every((r) => asleepInRead(r.pid))) return true;
    if (Date.now() > deadline) return false;
    await sleep(pollMs);
  }
}
