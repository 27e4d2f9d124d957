// `diff`: the stats of the checkpoints both outputs have, field by field (B against A, % of A's
// value), one row per checkpoint; and the summary over all of them. Bounded: rows beyond MAX_ROWS
// are counted (the summary still covers them).
import type { Checkpoint } from '../replay/outputs';
import { DeviationTracker, statDeltas, type DeviationSummary } from '../report/stat-deltas';

const MAX_ROWS = 65536;

/** One differing field of a checkpoint: diff = b - a, pct of a (null where a is 0). */
export interface PairDelta { field: string; a: number; b: number; diff: number; pct: number | null }
export interface CheckpointDeltas { seq: number; tsNs: number; reason: string; fields: PairDelta[] }
export interface StatComparison {
  summary: DeviationSummary;
  checkpoints: CheckpointDeltas[];  // every checkpoint on both sides (up to MAX_ROWS)
  checkpointsOmitted: number;
}

export class StatRows {
  private readonly tracker = new DeviationTracker();
  private readonly rows: CheckpointDeltas[] = [];
  private omitted = 0;

  add(a: Checkpoint, b: Checkpoint): void {
    const fields = statDeltas(b.stats, a.stats)
      .map((d) => ({ field: d.field, a: d.kernel, b: d.model, diff: d.diff, pct: d.pct }));
    this.tracker.add(a.seq, fields);
    if (this.rows.length < MAX_ROWS) this.rows.push({ seq: a.seq, tsNs: a.tsNs, reason: a.reason, fields });
    else this.omitted++;
  }

  result(): StatComparison {
    return { summary: this.tracker.result(), checkpoints: this.rows, checkpointsOmitted: this.omitted };
  }
}
