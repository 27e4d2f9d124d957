// A cgroup v1 freezer group of one recording (/sys/fs/cgroup/freezer/zram-ref-PID): the
// recorded command runs inside it, and each kernel stat sample freezes it first, so samples of
// external commands are taken with its tasks stopped (kernel threads such as kswapd, jbd2 and
// writeback kworkers are not in the group and keep running). Undone by thaw, kill, rmdir.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const FREEZER_ROOT = '/sys/fs/cgroup/freezer';

/** Why no freezer group can be made under `root`, or null. */
export function freezerUnavailable(root = FREEZER_ROOT): string | null {
  let mounted = false;
  try {
    mounted = fs.readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' '))
      .some((f) => f[1] === root && f[2] === 'cgroup' && (f[3] ?? '').split(',').includes('freezer'));
  } catch { /* no /proc: not mounted either */ }
  if (!mounted && root === FREEZER_ROOT) return `no cgroup v1 freezer mounted at ${root}`;
  if (!fs.existsSync(path.join(root, 'cgroup.procs'))) return `${root} is not a cgroup v1 freezer hierarchy`;
  return null;
}

const sleepSync = (ms: number): void => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class FreezerGroup {
  private constructor(readonly dir: string) {}

  /** mkdir ROOT/NAME (must not exist: a group of the same name would be someone else's). */
  static create(name: string, root = FREEZER_ROOT): FreezerGroup {
    const dir = path.join(root, name);
    fs.mkdirSync(dir);
    return new FreezerGroup(dir);
  }

  /** A group made earlier (by a recorder now dead): for clean-up. */
  static existing(dir: string): FreezerGroup {
    return new FreezerGroup(dir);
  }

  get procsFile(): string {
    return path.join(this.dir, 'cgroup.procs');
  }

  /** Tasks (thread ids) in the group now. */
  tasks(): number[] {
    return fs.readFileSync(path.join(this.dir, 'tasks'), 'utf8').split('\n').filter((l) => l !== '').map(Number);
  }

  state(): string {
    return fs.readFileSync(path.join(this.dir, 'freezer.state'), 'utf8').trim();
  }

  /** FROZEN, waiting until every task is (a task in uninterruptible I/O delays it); false and
   * thawed again after `timeoutMs`. */
  async freeze(timeoutMs = 10_000): Promise<boolean> {
    fs.writeFileSync(path.join(this.dir, 'freezer.state'), 'FROZEN');
    const deadline = Date.now() + timeoutMs;
    while (this.state() !== 'FROZEN') {
      if (Date.now() > deadline) { this.thaw(); return false; }
      await sleep(1);
    }
    return true;
  }

  thaw(): void {
    fs.writeFileSync(path.join(this.dir, 'freezer.state'), 'THAWED');
  }

  /** Synchronous end of the group: thaw (a frozen task cannot act on SIGKILL), SIGKILL every
   * task left in it, wait until it is empty, rmdir. Returns what failed. */
  destroy(timeoutMs = 5000): string[] {
    if (!fs.existsSync(this.dir)) return [];
    const errors: string[] = [];
    try { this.thaw(); } catch (e) { errors.push(`thaw ${this.dir}: ${(e as Error).message}`); }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let left: number[];
      try { left = this.tasks(); } catch { left = []; }
      if (left.length === 0) break;
      if (Date.now() > deadline) { errors.push(`${this.dir}: tasks ${left.join(' ')} do not exit`); return errors; }
      for (const t of left) { try { process.kill(t, 'SIGKILL'); } catch { /* gone */ } }
      sleepSync(10);
    }
    try { fs.rmdirSync(this.dir); } catch (e) { errors.push(`rmdir ${this.dir}: ${(e as Error).message}`); }
    return errors;
  }
}
