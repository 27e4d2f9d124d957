// An external command swapping to the recorded device (`record --new --swap-limit SIZE -- CMD`):
// it runs inside our memory cgroup with the device as swap (lock, mkswap, swapon, swapoff and the
// cleanup of swap-session.ts). Its threads' reads of the device are swap-ins (a proc entry for
// every thread seen in the cgroup); a process's slots are snapshot from pagemap every poll, and
// when it is gone its last snapshot is released (reason exit, window = last snapshot .. gone).
// A process that swapped between its last snapshot and its exit shows in the notify_free check.
import * as fs from 'node:fs';
import { swapSlots, vmas } from '../kernel/pagemap';
import { swapRefusal } from '../kernel/swap';
import { monoNow } from './sampler';
import type { SwapHost } from './swap-session';
import { SwapSession } from './swap-session';

const POLL_MS = 10;

export class SwapCommand {
  private readonly seen = new Set<number>();
  private readonly slots = new Map<number, { at: bigint; slots: number[] }>();
  private timer: NodeJS.Timeout | null = null;
  private readonly started = monoNow();

  private constructor(readonly session: SwapSession, private readonly host: SwapHost) {}

  /** Why the command cannot swap on /dev/DEV (checked before recording starts), or null. */
  static refusal(dev: string, deviceCreated: boolean): string | null {
    if (!deviceCreated) return `--swap-limit needs --new: swap goes only on a device the recorder creates`;
    const why = swapRefusal(dev);
    return why ? `swap on /dev/${dev} refused: ${why}` : null;
  }

  static async start(host: SwapHost, limit: number): Promise<SwapCommand> {
    const c = new SwapCommand(await SwapSession.setUp(host, 0, limit, 0, 60), host);
    c.timer = setInterval(() => c.poll(), POLL_MS);
    return c;
  }

  /** argv that joins the memory cgroup before it execs the command (from its first instruction on). */
  wrap(argv: readonly string[]): string[] {
    return ['sh', '-c', 'echo $$ > "$0" && exec "$@"', `${this.session.memcg.dir}/cgroup.procs`, ...argv];
  }

  private tids(): number[] {
    try { return fs.readFileSync(`${this.session.memcg.dir}/tasks`, 'utf8').split('\n').filter((l) => l).map(Number); } catch {
      return [];
    }
  }

  /** New threads get proc entries; processes get a slot snapshot; gone ones release theirs. */
  poll(): void {
    for (const tid of this.tids()) {
      if (this.seen.has(tid)) continue;
      this.seen.add(tid);
      // t0: the command's start: the thread did not exist before, and nothing else of ours reads the device
      this.host.ops.add({ kind: 'proc', step: 0, pid: tid, event: 'start', t0: String(this.started), t1: String(monoNow()) });
    }
    const live = new Set(this.session.memcg.pids());
    for (const pid of live) {
      try {
        const at = monoNow();
        const maps = vmas(pid);
        // no mappings: exiting (its mm is being torn down), the last snapshot stands
        if (maps.length > 0) this.slots.set(pid, { at, slots: swapSlots(pid, maps).slots });
      } catch { /* gone meanwhile: the last snapshot stands */ }
    }
    for (const [pid, last] of this.slots) {
      if (live.has(pid)) continue;
      this.slots.delete(pid);
      this.host.ops.add({ kind: 'release', step: 0, pid, reason: 'exit', t0: String(last.at), t1: String(monoNow()),
        slots: last.slots });
    }
  }

  /** After the command: the last releases, swapoff (logged), cgroup and lock gone. */
  async finish(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.poll();
    this.session.memcg.killTasks(); // what the command left running
    this.poll();
    await this.session.finish(0);
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
