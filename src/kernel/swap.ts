// Swap on our own zram device, and nothing else: the refusals (a device already listed in
// /proc/swaps, ours or not; zswap in front of swap; no memory controller; missing tools),
// mkswap, swapon and swapoff through util-linux. swapon needs the swap lock held.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { nodeMismatch } from './device';
import { memcgUnavailable } from './memcg';
import type { SwapLock } from './swap-lock';

const ZRAM = /^zram\d+$/;

export interface SwapEntry {
  readonly file: string;
  readonly type: string;
  readonly size: number;
  readonly used: number;
}

export function activeSwaps(procSwaps = '/proc/swaps'): SwapEntry[] {
  return fs.readFileSync(procSwaps, 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '').map((l) => {
    const [file, type, size, used] = l.trim().split(/\s+/);
    return { file, type, size: Number(size), used: Number(used) };
  });
}

function which(tool: string): boolean {
  return (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':').concat(['/usr/sbin', '/sbin'])
    .some((d) => fs.existsSync(`${d}/${tool}`));
}

/** Why swap cannot be put on /dev/DEV now (one line), or null. Checked holding the swap lock, so
 * no other zram-ref session is about to swapon; a listed device is someone else's swap. */
export function swapRefusal(dev: string, procSwaps = '/proc/swaps'): string | null {
  if (!ZRAM.test(dev)) return `${dev} is not a zram device`;
  const swaps = activeSwaps(procSwaps);
  if (swaps.some((s) => s.file === `/dev/${dev}`)) return `/dev/${dev} is already swap (swapoff it first)`;
  if (swaps.length > 0) {
    return `${swaps.map((s) => s.file).join(', ')} already active as swap: our processes' swap would not be ` +
      'confined to the recorded device (swapoff it or record elsewhere)';
  }
  return nodeMismatch(dev) ?? swapUnavailable();
}

/** What the machine lacks for swap workloads (capability table entry), or null. */
export function swapUnavailable(): string | null {
  const memcg = memcgUnavailable();
  if (memcg) return memcg;
  try {
    if (fs.readFileSync('/sys/module/zswap/parameters/enabled', 'utf8').trim() === 'Y') {
      return 'zswap is enabled: swapped pages would be kept by zswap, not written to zram ' +
        '(echo N > /sys/module/zswap/parameters/enabled)';
    }
  } catch { /* no zswap */ }
  const tool = ['mkswap', 'swapon', 'swapoff'].find((t) => !which(t));
  return tool ? `${tool} (util-linux) is not installed` : null;
}

/** What a tool run did: its pid (the pid of its I/O in the trace) and CLOCK_MONOTONIC ns around it. */
export interface ToolRun { readonly pid: number; readonly t0: bigint; readonly t1: bigint }

/** Runs a tool without blocking the event loop (samples and readback go on meanwhile). */
function run(tool: string, args: string[]): Promise<ToolRun> {
  const t0 = process.hrtime.bigint();
  const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  return new Promise((resolve, reject) => {
    child.on('error', (e) => reject(new Error(`${tool}: ${e.message}`)));
    child.on('exit', (code, sig) => {
      const t1 = process.hrtime.bigint();
      if (code === 0) return resolve({ pid: child.pid!, t0, t1 });
      const first = out.trim().split('\n').reverse().find((l) => l.trim() !== '') ?? (sig ?? `exit ${code}`);
      reject(new Error(`${tool} ${args.join(' ')}: ${first}`));
    });
  });
}

/** mkswap /dev/DEV: writes the swap header (an external write of page 0). */
export function mkswap(dev: string, lock: SwapLock): Promise<ToolRun> {
  if (!lock.isHeld) throw new Error('mkswap without the swap lock');
  const why = swapRefusal(dev);
  if (why) throw new Error(why);
  return run('mkswap', [`/dev/${dev}`]);
}

/** swapon /dev/DEV, refused unless /proc/swaps is empty and we hold the swap lock. */
export function swapon(dev: string, lock: SwapLock): Promise<ToolRun> {
  if (!lock.isHeld) throw new Error('swapon without the swap lock');
  const why = swapRefusal(dev);
  if (why) throw new Error(why);
  return run('swapon', [`/dev/${dev}`]);
}

export function isSwap(dev: string): boolean {
  return ZRAM.test(dev) && activeSwaps().some((s) => s.file === `/dev/${dev}`);
}

/** swapoff /dev/DEV if it is swap (reads every slot in use back into memory); null if it was not. */
export async function swapoff(dev: string): Promise<ToolRun | null> {
  if (!isSwap(dev)) return null;
  return run('swapoff', [`/dev/${dev}`]);
}

/** The same, blocking: for signal handlers and `record --cleanup`, which cannot wait for a promise. */
export function swapoffSync(dev: string): boolean {
  if (!isSwap(dev)) return false;
  const r = spawnSync('swapoff', [`/dev/${dev}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    throw new Error(`swapoff /dev/${dev}: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim()}`);
  }
  return true;
}
