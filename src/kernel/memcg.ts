// A memory cgroup (v1, /sys/fs/cgroup/memory) of our own for the processes of a swap workload:
// its limit forces them, and only them, to swap. Only cgroups named zram-ref-PID-TAG are ever
// created, written or removed here, so nothing can touch another cgroup by mistake.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alive } from './dir-lock';

export const MEMCG_ROOT = '/sys/fs/cgroup/memory';
const NAME = /^zram-ref-\d+-[a-z0-9]+(?:-[a-z0-9]+)*$/;

const sleepSync = (ms: number): void => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); };

/** Why no memory cgroup can be made here, or null. */
export function memcgUnavailable(root = MEMCG_ROOT): string | null {
  if (!fs.existsSync(path.join(root, 'memory.limit_in_bytes'))) {
    return `no cgroup v1 memory controller at ${root} (swap workloads need one to confine swapping)`;
  }
  return null;
}

/** zram-ref-PID-TAG: the owner's pid makes the name unique and lets cleanup find dead owners. */
export function memcgName(ownerPid: number, tag: string): string {
  const name = `zram-ref-${ownerPid}-${tag}`;
  if (!NAME.test(name)) throw new Error(`bad memory cgroup tag '${tag}' (lower-case letters, digits, '-')`);
  return name;
}

/** The pid in a name made by memcgName, or null for any other name. */
export function memcgOwner(name: string): number | null {
  return NAME.test(name) ? Number(name.split('-')[2]) : null;
}

export class Memcg {
  private constructor(readonly dir: string) {}

  /** A cgroup dir path is accepted only below `root` and only with one of our names. */
  static at(dir: string, root = MEMCG_ROOT): Memcg {
    if (path.dirname(dir) !== root || !NAME.test(path.basename(dir))) {
      throw new Error(`${dir} is not a zram-ref memory cgroup (zram-ref-PID-TAG below ${root})`);
    }
    return new Memcg(dir);
  }

  /** Creates the cgroup (EEXIST is an error: it is somebody else's until proven stale). */
  static create(name: string, root = MEMCG_ROOT): Memcg {
    const why = memcgUnavailable(root);
    if (why) throw new Error(why);
    const cg = Memcg.at(path.join(root, name), root);
    fs.mkdirSync(cg.dir);
    return cg;
  }

  get exists(): boolean {
    return fs.existsSync(this.dir);
  }

  private write(file: string, value: string): void {
    fs.writeFileSync(path.join(this.dir, file), `${value}\n`);
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), 'utf8');
  }

  /** memory.limit_in_bytes; -1 lifts it. */
  setLimit(bytes: number | -1): void {
    this.write('memory.limit_in_bytes', String(bytes));
  }

  setSwappiness(n: number): void {
    this.write('memory.swappiness', String(n));
  }

  /** How many processes the cgroup's OOM killer killed (memory.oom_control oom_kill). */
  oomKills(): number {
    try { return Number(/^oom_kill (\d+)$/m.exec(this.read('memory.oom_control'))?.[1] ?? 0); } catch { return 0; }
  }

  /** Moves a process (all its threads) in: its later page charges go to this cgroup. */
  addPid(pid: number): void {
    this.write('cgroup.procs', String(pid));
  }

  pids(): number[] {
    if (!this.exists) return [];
    return this.read('cgroup.procs').split('\n').filter((l) => l !== '').map(Number);
  }

  /** SIGKILLs every process inside and waits (up to timeoutMs) until they are gone. */
  killTasks(timeoutMs = 5000): number[] {
    const killed = this.pids();
    const end = Date.now() + timeoutMs;
    for (let left = killed; left.length > 0; left = this.pids()) {
      for (const pid of left) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
      if (Date.now() > end) throw new Error(`${this.dir}: pids ${left.join(', ')} did not die`);
      sleepSync(10);
    }
    return killed;
  }

  /** Kills what is left inside and removes the cgroup (EBUSY while dying tasks linger: retried). */
  remove(timeoutMs = 5000): void {
    if (!this.exists) return;
    this.killTasks(timeoutMs);
    const end = Date.now() + timeoutMs;
    for (;;) {
      try { fs.rmdirSync(this.dir); return; } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return;
        if (code !== 'EBUSY' || Date.now() > end) throw new Error(`cannot remove ${this.dir}: ${(e as Error).message}`);
      }
      sleepSync(10);
    }
  }
}

/** Our cgroups whose owner process is dead (left by a SIGKILLed recorder whose guardian died too). */
export function staleMemcgs(root = MEMCG_ROOT): Memcg[] {
  let names: string[];
  try { names = fs.readdirSync(root); } catch { return []; }
  return names.flatMap((n) => {
    const owner = memcgOwner(n);
    return owner !== null && !alive(owner) ? [Memcg.at(path.join(root, n), root)] : [];
  });
}
