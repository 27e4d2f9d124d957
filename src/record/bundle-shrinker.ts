// The device's shrinker runs of a bundle as timed ShrinkerScanned events: shrinker.jsonl (every
// pool's runs) tied to this device by its pages_compacted samples (ingest/shrinker-bind.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ZramEvent } from '../events/types';
import { observationFromTexts } from '../device/observe';
import { bindShrinkerRuns } from '../ingest/shrinker-bind';
import type { StatSample } from './sampler';
import type { OpEntry, StoreEntry } from './oplog';
import { parseShrinkerRuns, SHRINKER_FILE } from './shrinker-file';

export interface BundleShrinker {
  readonly timed: { abs: bigint; event: ZramEvent }[];
  readonly traced: number;   // runs of every pool in the file
  readonly foreign: number;  // of them, not this device's
}

export function bundleShrinkerRuns(dir: string, samples: readonly StatSample[], ops: readonly OpEntry[]): BundleShrinker | null {
  const file = path.join(dir, SHRINKER_FILE);
  if (!fs.existsSync(file)) return null;
  const runs = parseShrinkerRuns(fs.readFileSync(file, 'utf8'));
  const compacted = samples.map((s) => ({ ts: BigInt(s.ts),
    pagesCompacted: observationFromTexts({ mmStat: s.mmStat, ioStat: s.ioStat, debugStat: s.debugStat, stat: s.stat }).mmStat.pagesCompacted }));
  const stores = ops.filter((o): o is StoreEntry => o.kind === 'store' && o.attr === 'compact').map((o) => BigInt(o.t0));
  const b = bindShrinkerRuns(runs, compacted, stores);
  return {
    timed: b.runs.map((r) => ({ abs: r.ts, event: { type: 'ShrinkerScanned', totalScan: r.totalScan, freeable: r.freeable, freed: r.freed } })),
    traced: runs.length, foreign: b.foreign,
  };
}
