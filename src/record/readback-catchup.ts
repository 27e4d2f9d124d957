// When has the follower seen every trace record of events before a given moment T? The per-CPU
// readers (`cat trace_pipe > file`) have latency: a record is in the ring buffer, or read by cat
// but not yet written, or in the file. Per CPU, either of:
// - counted: once the ring buffer holds nothing from before T (`entries: 0`, or its `oldest
//   event ts` is after T), the reader has consumed `read events` events, all of T's among them;
//   the follower has them once it has decoded that many records from the CPU's file (one record
//   per event, counted from the buffer clear at the capture's start). Works under steady load.
// - idle: the buffer is empty and the reader sleeps in read(2) on its trace_pipe: it has written
//   everything it read before (cat writes a chunk before its next read).
// Without reader pids (blktrace(8)), the files must stop growing.
import * as fs from 'node:fs';

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

/** `entries`, `oldest event ts` (ns, truncated to µs) and `read events` of one CPU's buffer. */
export function bufferState(root: string, cpu: number): { entries: number; oldestNs: bigint; read: number } {
  const text = fs.readFileSync(`${root}/per_cpu/cpu${cpu}/stats`, 'utf8');
  const num = (key: string): number => Number(new RegExp(`^${key}:\\s*(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  const ts = /^oldest event ts:\s*(\d+)\.(\d{6})/m.exec(text);
  const oldestNs = ts ? (BigInt(ts[1]) * 1_000_000n + BigInt(ts[2])) * 1000n : 0n;
  return { entries: num('entries'), oldestNs, read: num('read events') };
}

/** Resolves once the files hold every record committed before `t` (CLOCK_MONOTONIC ns); false
 * on timeout. `poll` reads the files on; `decoded(file)` is the records decoded from one. */
export async function caughtUp(src: FollowSource, t: bigint, poll: () => void, decoded: (file: string) => number,
  timeoutMs = 10_000, pollMs = 1): Promise<boolean> {
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
  const target = new Map<FollowReader, number>(); // read events to decode, once known
  for (;;) {
    poll();
    let done = true;
    for (const r of readers) {
      if (target.has(r) && decoded(r.file) >= target.get(r)!) continue;
      const b = bufferState(root, r.cpu);
      if (b.entries === 0 && asleepInRead(r.pid)) { target.set(r, 0); continue; }
      if (!target.has(r) && (b.entries === 0 || b.oldestNs > t)) target.set(r, b.read);
      if (!target.has(r) || decoded(r.file) < target.get(r)!) done = false;
    }
    if (done) { poll(); return true; }
    if (Date.now() > deadline) return false;
    await sleep(pollMs);
  }
}
