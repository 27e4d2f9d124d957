// The sysfs texts compared after every op. `stat`'s timing columns (ticks, io_ticks,
// time_in_queue; 1-based 4, 8, 10, 11, 15, 17) cannot be modelled and are masked.
import { ZramLike } from '../../src/device/block-device';
import { statsFromTexts, type StatSet } from '../../src/device/stat-columns';
import { ZramError } from '../../src/errors';

export const SNAPSHOT_ATTRS = ['mm_stat', 'io_stat', 'debug_stat', 'disksize', 'initstate', 'comp_algorithm', 'stat'] as const;
export type Snapshot = Record<(typeof SNAPSHOT_ATTRS)[number], string>;

const STAT_TIMING_COLUMNS = new Set([4, 8, 10, 11, 15, 17]);

export function maskStat(text: string): string {
  return text.trim().split(/\s+/).map((f, i) => (STAT_TIMING_COLUMNS.has(i + 1) ? '*' : f)).join(' ');
}

export async function snapshot(dev: ZramLike): Promise<Snapshot> {
  const out = {} as Snapshot;
  for (const attr of SNAPSHOT_ATTRS) {
    try {
      out[attr] = await dev.show(attr);
    } catch (e) {
      out[attr] = e instanceof ZramError ? `<${e.errno}>` : `<THROW ${(e as Error).message}>`;
    }
  }
  return out;
}

/** The attributes whose texts differ (stat compared with timing columns masked). */
export function diffSnapshots(a: Snapshot, b: Snapshot): string[] {
  return SNAPSHOT_ATTRS.filter((k) => (k === 'stat' ? maskStat(a[k]) !== maskStat(b[k]) : a[k] !== b[k]));
}

/** The stat columns of a snapshot, named by the stat table. */
export const snapshotStats = (s: Snapshot): StatSet =>
  statsFromTexts({ mmStat: s.mm_stat, ioStat: s.io_stat, debugStat: s.debug_stat, stat: s.stat });
