// One consuming reader per CPU: `cat per_cpu/cpuN/trace_pipe > NAME.blktrace.N`. cat does not
// buffer (nothing is lost when it is killed after the drain) and a blocking read in a child
// process cannot tie up node's thread pool. trace_pipe never returns EOF, so readers are killed.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface CpuReader {
  readonly cpu: number;
  readonly file: string;
  readonly pid: number;
  readonly fd: number;
}

export function startReader(pipe: string, file: string, cpu: number): CpuReader {
  const fd = fs.openSync(file, 'w');
  const child = spawn('cat', [pipe], { stdio: ['ignore', fd, 'ignore'], detached: false });
  if (child.pid === undefined) {
    fs.closeSync(fd);
    throw new Error(`cannot start reader for ${pipe}`);
  }
  child.on('error', () => undefined); // reported through the missing pid above
  return { cpu, file, pid: child.pid, fd };
}

/** True once the process is gone or a zombie: either way it no longer holds trace_pipe open. */
function exited(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Kills the readers (by pid only) and waits, synchronously, until none holds trace_pipe. */
export function stopReaders(readers: readonly CpuReader[]): void {
  for (const r of readers) {
    try { process.kill(r.pid, 'SIGTERM'); } catch { /* already gone */ }
  }
  const deadline = Date.now() + 5000;
  for (const r of readers) {
    while (!exited(r.pid)) {
      if (Date.now() > deadline + 2000) throw new Error(`reader pid ${r.pid} does not exit`);
      if (Date.now() > deadline) {
        try { process.kill(r.pid, 'SIGKILL'); } catch { /* gone */ }
      }
      sleepSync(10);
    }
    try { fs.closeSync(r.fd); } catch { /* closed */ }
  }
}
