// A worker runs each job's compare in a child process (`zram-ref fleet child`), so its event loop
// stays free to renew its job lock, a timeout can kill the work outright, and a crash in it cannot
// take the worker down. The children stay up between jobs: a process start and the model's
// loading cost ~0.15 s, most of a small input's job. A child runs one job at a time; one that
// times out is killed and one that dies fails its job (the queue retries it), and the next job
// gets a new child. A child is replaced after RECYCLE_JOBS jobs, so nothing can pile up in one.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { CompareRow } from '../report/compare-table';
import type { FleetJobData } from './job';

/** The command that runs a zram-ref subcommand: ZRAM_REF_CHILD (a JSON array) or bin/zram-ref. */
export function childPrefix(): string[] {
  const env = process.env.ZRAM_REF_CHILD;
  if (env) return JSON.parse(env) as string[];
  return [process.execPath, path.resolve(__dirname, '../../../bin/zram-ref')]; // dist/src/fleet → bin
}

export class ChildFailed extends Error {
  constructor(message: string, readonly badInput: boolean) { super(message); }
}

/** One job as a child reads it (a line on its stdin), and its answer (a line on its stdout). */
export interface ChildJob { readonly id: number; readonly job: FleetJobData }
export type ChildReply = { readonly id: number; readonly row: CompareRow }
  | { readonly id: number; readonly error: string; readonly badInput: boolean };

export const RECYCLE_JOBS = 100;
const MAX_LINE = 16 << 20; // a compare row is small; anything longer is a broken child

interface Pending {
  readonly id: number;
  readonly resolve: (row: CompareRow) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
}

class Child {
  readonly proc: ChildProcess;
  jobs = 0;
  pending: Pending | null = null;
  /** Killed or exited: never given another job (its exit may not have been seen yet). */
  dead = false;
  private out = '';
  private err = '';

  constructor(onGone: (c: Child) => void) {
    const [cmd, ...pre] = childPrefix();
    this.proc = spawn(cmd, [...pre, 'fleet', 'child'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout!.on('data', (b: Buffer) => this.read(b.toString()));
    this.proc.stderr!.on('data', (b: Buffer) => { this.err = (this.err + b.toString()).slice(-4096); });
    this.proc.stdin!.on('error', () => undefined); // a child gone: its exit says so
    const gone = (why: string): void => {
      this.dead = true;
      onGone(this);
      this.settle(new ChildFailed(this.err.trim().split('\n')[0] || why, false));
    };
    this.proc.on('error', (e) => gone(`replay child: ${e.message}`));
    this.proc.on('close', (code, signal) => gone(`replay child exited (${code ?? signal})`));
  }

  send(id: number, job: FleetJobData, timeoutMs: number): Promise<CompareRow> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.kill(new ChildFailed(`replay timed out after ${timeoutMs / 1000} s`, false)),
        timeoutMs);
      this.pending = { id, resolve, reject, timer };
      this.jobs++;
      this.err = ''; // what it says from now on is about this job
      this.proc.stdin!.write(JSON.stringify({ id, job } satisfies ChildJob) + '\n');
    });
  }

  /** Ends the child once it has nothing to do (its stdin closes). */
  retire(): void { this.proc.stdin!.end(); }

  /** Ends the child now; its job, if any, fails with `why`. */
  kill(why: Error): void {
    this.dead = true;
    this.settle(why);
    this.proc.kill('SIGKILL');
  }

  private settle(result: CompareRow | Error): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    clearTimeout(p.timer);
    if (result instanceof Error) p.reject(result); else p.resolve(result);
  }

  private read(text: string): void {
    this.out += text;
    if (this.out.length > MAX_LINE) this.kill(new ChildFailed('replay child printed too much', false));
    for (let nl = this.out.indexOf('\n'); nl >= 0; nl = this.out.indexOf('\n')) {
      const line = this.out.slice(0, nl);
      this.out = this.out.slice(nl + 1);
      let reply: ChildReply | null;
      try { reply = JSON.parse(line) as ChildReply | null; } catch { continue; } // not an answer
      if (typeof reply !== 'object' || reply === null) continue;
      if (this.pending === null || reply.id !== this.pending.id) continue;
      this.settle('row' in reply ? reply.row : new ChildFailed(reply.error, reply.badInput));
    }
  }
}

export class ChildPool {
  private readonly idle: Child[] = [];
  private readonly live = new Set<Child>();
  private nextId = 1;

  /** The job's compare row from a child, or a ChildFailed (badInput: the job can never succeed). */
  async run(job: FleetJobData, timeoutMs: number): Promise<CompareRow> {
    const child = this.idle.pop() ?? this.start();
    try {
      return await child.send(this.nextId++, job, timeoutMs);
    } finally {
      if (!child.dead && child.pending === null) {
        if (child.jobs >= RECYCLE_JOBS) { this.live.delete(child); child.retire(); } else this.idle.push(child);
      }
    }
  }

  /** The children's process ids. */
  pids(): number[] {
    return [...this.live].map((c) => c.proc.pid).filter((p): p is number => p !== undefined);
  }

  /** Ends every child: idle ones at once, busy ones when their job is answered. */
  close(): void {
    for (const c of this.live) c.retire();
    this.live.clear();
    this.idle.length = 0;
  }

  private start(): Child {
    const c = new Child((gone) => {
      this.live.delete(gone);
      const i = this.idle.indexOf(gone);
      if (i >= 0) this.idle.splice(i, 1);
    });
    this.live.add(c);
    return c;
  }
}
