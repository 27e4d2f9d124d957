// shrinker.jsonl in a bundle: one traced zsmalloc shrinker run per line, times as absolute
// CLOCK_MONOTONIC ns (strings, like samples.jsonl), every pool's runs (ingest picks the device's).
import type { ShrinkerRun } from './shrinker-text';

export const SHRINKER_FILE = 'shrinker.jsonl';

export function formatShrinkerRuns(runs: readonly ShrinkerRun[]): string {
  return runs.map((r) => JSON.stringify({ ts: String(r.ts), pid: r.pid, comm: r.comm, shrinker: r.shrinker,
    freeable: r.freeable, totalScan: r.totalScan, freed: r.freed }) + '\n').join('');
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Throws an Error naming the line for anything that is not a run as written above. */
export function parseShrinkerRuns(text: string): ShrinkerRun[] {
  return text.split('\n').filter((l) => l.trim() !== '').map((line, i) => {
    let o: Record<string, unknown>;
    try { o = JSON.parse(line) as Record<string, unknown>; } catch { throw new Error(`${SHRINKER_FILE} line ${i + 1}: not JSON`); }
    if (typeof o.ts !== 'string' || !/^\d{1,20}$/.test(o.ts) || typeof o.shrinker !== 'string' || !isCount(o.pid)
      || !isCount(o.freeable) || !isCount(o.totalScan) || !isCount(o.freed)) {
      throw new Error(`${SHRINKER_FILE} line ${i + 1}: expected {ts, pid, comm, shrinker, freeable, totalScan, freed}`);
    }
    return { ts: BigInt(o.ts), pid: o.pid, comm: String(o.comm ?? ''), shrinker: o.shrinker, freeable: o.freeable,
      totalScan: o.totalScan, freed: o.freed };
  });
}
