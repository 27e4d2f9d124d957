// Replay against the kernel's recorded samples: per sample, which fields differ; per field, how
// often and by how much (absolute and %). Differences are findings, not errors. Memory is bounded:
// the per-sample rows beyond MAX_ROWS are counted, not kept (the summary still covers them).
import type { Checkpoint } from '../replay/outputs';
import type { SampleNote } from './compaction-notes';
import { compareStats, STAT_FIELDS, type FieldDiff } from './fields';
import { DeviationTracker, statDeltas, type DeviationSummary, type StatDelta } from './stat-deltas';

const MAX_ROWS = 65536;
/** Sample values kept for the plots (each sample is drawn); beyond this they are counted. */
const MAX_POINTS = 2048;

/** One sample: the names of its differing fields, and each one's model and kernel value, diff and %. */
export interface SampleRow { seq: number; tsNs: number; differing: string[]; fields: StatDelta[] }
/** The kernel's own mm_stat values at a sample, for drawing over the model's curve. */
export interface SamplePoint {
  seq: number; tsNs: number; origDataSize: number; comprDataSize: number; memUsedTotal: number; differing: number;
}
export interface FieldSummary { field: string; mismatches: number; maxAbsDiff: number; firstSeq: number | null }
export interface KernelComparison {
  samples: number;
  exact: number;
  summary: DeviationSummary;  // exact samples, orig/compr_data_size's largest deviation over all samples
  rows: SampleRow[];          // the first MAX_ROWS samples
  rowsOmitted: number;
  fields: FieldSummary[];     // every field, in sysfs order
  last: { seq: number; fields: FieldDiff[] } | null; // the last sample, field by field
  points: SamplePoint[];      // the first MAX_POINTS samples' kernel values
  notes: SampleNote[];        // samples with an explanation of their difference (compaction-notes.ts)
  notesOmitted: number;
  overlappingWrites: number;  // writes queued while another was in flight (the outputs' end record)
  allocationOrder: boolean;   // their unseen allocation order explains every difference (allocation-order.ts)
}

export class KernelSamples {
  private samples = 0;
  private exact = 0;
  private readonly rows: SampleRow[] = [];
  private omitted = 0;
  private readonly fields: FieldSummary[] = STAT_FIELDS.map((f) => ({ field: f.name, mismatches: 0, maxAbsDiff: 0, firstSeq: null }));
  private last: KernelComparison['last'] = null;
  private readonly points: SamplePoint[] = [];
  private readonly deviation = new DeviationTracker();

  add(c: Checkpoint): void {
    if (!c.kernel) return;
    const diffs = compareStats(c.stats, c.kernel);
    this.samples++;
    const fields = statDeltas(c.stats, c.kernel);
    const differing = fields.map((d) => d.field);
    if (differing.length === 0) this.exact++;
    this.deviation.add(c.seq, fields);
    if (this.rows.length < MAX_ROWS) this.rows.push({ seq: c.seq, tsNs: c.tsNs, differing, fields });
    else this.omitted++;
    const k = c.kernel.mmStat;
    if (this.points.length < MAX_POINTS) {
      this.points.push({ seq: c.seq, tsNs: c.tsNs, origDataSize: k.origDataSize, comprDataSize: k.comprDataSize,
        memUsedTotal: k.memUsedTotal, differing: differing.length });
    }
    diffs.forEach((d, i) => {
      if (d.diff === 0) return;
      const s = this.fields[i];
      s.mismatches++;
      s.maxAbsDiff = Math.max(s.maxAbsDiff, Math.abs(d.diff));
      s.firstSeq ??= c.seq;
    });
    this.last = { seq: c.seq, fields: diffs };
  }

  result(): Omit<KernelComparison, 'notes' | 'notesOmitted' | 'overlappingWrites' | 'allocationOrder'> {
    return { samples: this.samples, exact: this.exact, summary: this.deviation.result(), rows: this.rows,
      rowsOmitted: this.omitted, fields: this.fields,
      last: this.last, points: this.points };
  }
}
