// Runs the swap steps of a workload (format: traces/README.md "Swap workloads"). Worker commands
// go through the gate like I/O requests, so a quiet sample waits until every process is idle.
// Releases (free, exit) and swapoff run with every process paused and the readback drained,
// so the pagemap snapshot names exactly the slots the process gives up between t0 and t1.
import { prngFor } from '../content';
import { processSlots, swapSlots } from '../kernel/pagemap';
import { swapRefusal } from '../kernel/swap';
import { swapWorkerUnavailable, type SwapWorker } from '../kernel/swap-worker';
import { PAGE_SIZE } from '../units';
import { pageSource } from './contents';
import type { Gate } from './gate';
import { monoNow } from './sampler';
import type { ReleaseEntry } from './swap-ops';
import { SwapHost, SwapSession } from './swap-session';
import type { ProcSel, SwapStep, WorkloadStep } from './workload-types';

const CHUNK = 256; // pages per worker command: a sample waits at most this long
// pages per touch command, each after a drain of the read-back: a swap-in frees its slot, so a
// slot written and then swapped in before its read-back would lose its bytes
const TOUCH_CHUNK = 32;

export interface SwapContext {
  readonly host: SwapHost;
  readonly gate: Gate;
  /** Waits until every write of the device has been read back (capture); a no-op without capture. */
  drain(): Promise<void>;
  /** The live session, for the signal handler's teardown. */
  onSession(s: SwapSession | null): void;
}

type Step = Extract<WorkloadStep, SwapStep>;

/** A process's pages in allocation order, which of them it still has, and which are all zero. */
interface ProcPages {
  readonly worker: SwapWorker;
  readonly addrs: number[];
  readonly live: boolean[];
  readonly zero: boolean[];
  exited: boolean;
}

/** The slot page k of the process is swapped out to, or null when it is resident (or never touched). */
function slotOf(p: ProcPages, k: number): number | null {
  return swapSlots(p.worker.pid, [{ start: p.addrs[k], end: p.addrs[k] + PAGE_SIZE }]).slots[0] ?? null;
}

/** The kernel keeps all-zero swapped-out pages in a bitmap (the swap zeromap): no write when
 * they go out, no read when they come back in, yet the slot is allocated and freed like any
 * other (zram counts the free in notify_free). The recorder knows which pages are zero, so it
 * logs those frees as releases (reason `zero`): the slots of the zero pages a command swaps in. */
function swappedZeroSlots(p: ProcPages, pages: readonly number[]): number[] {
  return pages.flatMap((k) => {
    const slot = p.zero[k] && p.live[k] ? slotOf(p, k) : null;
    return slot === null ? [] : [slot];
  });
}

/** `count` of the live page indexes, chosen by a seeded partial shuffle (same seed, same pages). */
export function pickPages(live: readonly boolean[], fraction: number, seed: number, key: string): number[] {
  const idx = live.flatMap((l, i) => (l ? [i] : []));
  const n = Math.round(idx.length * fraction);
  const rng = prngFor(seed, key);
  for (let i = 0; i < n; i++) {
    const j = i + rng.below(idx.length - i);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, n);
}

/** Address-ordered runs of pages: the ranges one MADV_DONTNEED each frees. */
export function pageRuns(addrs: readonly number[]): { addr: number; len: number }[] {
  const runs: { addr: number; len: number }[] = [];
  for (const a of [...addrs].sort((x, y) => x - y)) {
    const last = runs.at(-1);
    if (last && last.addr + last.len === a) last.len += PAGE_SIZE; else runs.push({ addr: a, len: PAGE_SIZE });
  }
  return runs;
}

export class SwapRunner {
  private session: SwapSession | null = null;
  private procs: ProcPages[] = [];
  constructor(private readonly ctx: SwapContext) {}

  get active(): boolean {
    return this.session !== null;
  }

  /** Process k: its pid, its pages' addresses in allocation order and which it still has. */
  proc(k: number): { readonly pid: number; readonly addrs: readonly number[]; readonly live: readonly boolean[] } {
    const p = this.procs[k];
    return { pid: p.worker.pid, addrs: p.addrs, live: p.live };
  }

  private selected(p: ProcSel): ProcPages[] {
    return (p === 'all' ? this.procs : [this.procs[p]]).filter((x) => !x.exited);
  }

  /** One worker command between gate.enter() and leave(): samples land between commands. */
  private async gated<T>(fn: () => Promise<T>): Promise<T> {
    await this.ctx.gate.enter();
    try { return await fn(); } finally { this.ctx.gate.leave(); }
  }

  async run(s: Step): Promise<void> {
    switch (s.verb) {
      case 'swap': {
        this.session = await SwapSession.setUp(this.ctx.host, s.line, s.limit, s.procs, s.swappiness);
        this.ctx.onSession(this.session);
        this.procs = this.session.workers.map((worker) => ({ worker, addrs: [], live: [], zero: [], exited: false }));
        return;
      }
      case 'alloc': await Promise.all(this.selected(s.proc).map((p) => this.alloc(p, s))); return;
      // one process at a time: another's reclaim could swap out a zero page between the snapshot and the touch
      case 'touch': for (const p of this.selected(s.proc)) await this.touch(p, s); return;
      case 'free': await this.exclusive(() => this.each(s.proc, (p) => this.free(p, s))); return;
      case 'exit': await this.exclusive(() => this.each(s.proc, (p) => this.exit(p, s.line))); return;
      case 'swapoff': await this.exclusive(() => this.swapoff(s.line)); return;
    }
  }

  /** One process after the other. */
  private async each(sel: ProcSel, fn: (p: ProcPages) => Promise<void>): Promise<void> {
    for (const p of this.selected(sel)) await fn(p);
  }

  private exclusive(fn: () => Promise<void>): Promise<void> {
    return this.ctx.gate.exclusive(async () => {
      await this.ctx.drain();
      await fn();
    });
  }

  private async alloc(p: ProcPages, s: Extract<Step, { verb: 'alloc' }>): Promise<void> {
    const pages = s.size / PAGE_SIZE;
    const base = await this.gated(() => p.worker.map(pages));
    const src = pageSource(s.content, (s.seed + this.procs.indexOf(p)) >>> 0);
    for (let i = 0; i < pages; i += CHUNK) {
      const data = Array.from({ length: Math.min(CHUNK, pages - i) }, (_, k) => src(i + k));
      await this.gated(() => p.worker.fill(base + i * PAGE_SIZE, data));
      for (const d of data) p.zero.push(d.every((b) => b === 0));
    }
    for (let i = 0; i < pages; i++) { p.addrs.push(base + i * PAGE_SIZE); p.live.push(true); }
  }

  private async touch(p: ProcPages, s: Extract<Step, { verb: 'touch' }>): Promise<void> {
    const picked = pickPages(p.live, s.fraction, s.seed, `touch:${this.procs.indexOf(p)}:${s.line}`);
    for (let i = 0; i < picked.length; i += TOUCH_CHUNK) {
      const chunk = picked.slice(i, i + TOUCH_CHUNK);
      await this.ctx.drain();
      await this.gated(async () => {
        // only pages swapped out now: none of them can be swapped out (and its write missed by the
        // read-back) before its own touch; a resident page needs no swap-in anyway
        const out = chunk.flatMap((k) => { const slot = slotOf(p, k); return slot === null ? [] : [{ k, slot }]; });
        const zeros = out.filter((x) => p.zero[x.k]).map((x) => x.slot);
        const t0 = monoNow();
        await p.worker.touch(out.map((x) => p.addrs[x.k]));
        if (zeros.length) this.logRelease(p, s.line, 'zero', t0, monoNow(), zeros, 0);
      });
    }
  }

  private logRelease(p: ProcPages, step: number, reason: ReleaseEntry['reason'], t0: bigint, t1: bigint,
    slots: number[], swapCached: number): void {
    this.ctx.host.ops.add({ kind: 'release', step, pid: p.worker.pid, reason, t0: String(t0), t1: String(t1), slots,
      swapCached });
  }

  /** swapoff frees the slots of zero pages without reading them: logged per process, in its window. */
  private async swapoff(line: number): Promise<void> {
    const zeros = this.procs.filter((p) => !p.exited)
      .map((p) => ({ p, slots: swappedZeroSlots(p, p.addrs.map((_, k) => k)) }));
    const t = await this.session!.swapoff(line);
    if (!t) return;
    for (const { p, slots } of zeros) if (slots.length) this.logRelease(p, line, 'zero', t.t0, t.t1, slots, 0);
  }

  /** Inside the exclusive section: snapshot, MADV_DONTNEED, release entry. */
  private async free(p: ProcPages, s: Extract<Step, { verb: 'free' }>): Promise<void> {
    const picked = pickPages(p.live, s.fraction, s.seed, `free:${this.procs.indexOf(p)}:${s.line}`);
    const runs = pageRuns(picked.map((k) => p.addrs[k]));
    const snap = swapSlots(p.worker.pid, runs.map((r) => ({ start: r.addr, end: r.addr + r.len })));
    const t0 = monoNow();
    await p.worker.dontneed(runs);
    const t1 = monoNow();
    for (const k of picked) p.live[k] = false;
    this.logRelease(p, s.line, 'free', t0, t1, snap.slots, snap.swapCached);
  }

  private async exit(p: ProcPages, line: number): Promise<void> {
    const snap = processSlots(p.worker.pid);
    const t0 = monoNow();
    await p.worker.quit();
    const t1 = monoNow();
    p.exited = true;
    this.logRelease(p, line, 'exit', t0, t1, snap.slots, snap.swapCached);
  }

  /** The end of the workload (or its failure): swap off, processes and cgroup gone, lock released. */
  async finish(line: number): Promise<void> {
    const s = this.session;
    if (!s) return;
    await this.exclusive(async () => {
      await this.swapoff(line);
      await s.finish(line);
    });
    this.session = null;
    this.ctx.onSession(null);
  }
}

/** The most pages the workload's processes hold at once (frees and exits deducted). */
export function swapPeakPages(steps: readonly WorkloadStep[]): number {
  let live: number[] = [];
  let peak = 0;
  for (const s of steps) {
    if (s.verb === 'swap') live = new Array<number>(s.procs).fill(0);
    const ks = 'proc' in s ? (s.proc === 'all' ? live.map((_, i) => i) : [s.proc]) : [];
    for (const k of ks) {
      if (s.verb === 'alloc') live[k] += s.size / PAGE_SIZE;
      if (s.verb === 'free') live[k] -= Math.round(live[k] * s.fraction);
      if (s.verb === 'exit') live[k] = 0;
    }
    peak = Math.max(peak, live.reduce((a, b) => a + b, 0));
  }
  return peak;
}

/** Why a workload's swap steps cannot run on /dev/DEV (checked before recording starts, holding the
 * swap lock), or null. */
export function swapPrecheck(steps: readonly WorkloadStep[], dev: string, deviceCreated: boolean, disksize: number):
  string | null {
  if (!steps.some((s) => s.verb === 'swap')) return null;
  if (!deviceCreated) {
    return `swap workloads run only on a device the recorder creates: use --new instead of --device ${dev}`;
  }
  const why = swapRefusal(dev) ?? swapWorkerUnavailable();
  if (why) return `swap on /dev/${dev} refused: ${why}`;
  const peak = swapPeakPages(steps) * PAGE_SIZE;
  // above half of the swap space the kernel frees slots of swapped-in pages with no I/O at all
  // (vm_swap_full): those frees could not be told from the trace
  if (peak > (disksize - PAGE_SIZE) / 2) {
    return `the workload holds up to ${peak} bytes at once: give --disksize at least ${2 * peak + PAGE_SIZE} ` +
      '(twice that, ' +
      'so that swap never gets half full; above that the kernel frees slots without any I/O)';
  }
  return null;
}
