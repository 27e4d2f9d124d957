// How far a replay's stats are from the kernel's (or one outputs file's from another's) at one
// sample: each differing column of the stat table, by how much (absolute and % of the reference).
// Over every sample: how many were exact and the largest orig_data_size / compr_data_size
// deviation, the two numbers a compression ratio is made of. Pure; columns from the one comparer.
import { columnDiffers, compareStatSets } from '../device/stat-compare';
import { columnLabel, type StatSet } from '../device/stat-columns';

/** One differing field: diff = model - kernel; pct = diff as % of the kernel's value (null when that is 0). */
export interface StatDelta { field: string; model: number; kernel: number; diff: number; pct: number | null }
/** One sample's differing fields (none: exact). */
export interface SampleDeltas { seq: number; tsNs: number; fields: StatDelta[] }
/** What the views and the summary read of a delta (diff's A/B deltas have the same three). */
export type DeltaCore = Pick<StatDelta, 'field' | 'diff' | 'pct'>;
/** `label`: shown instead of the seq ("663 (end)"). */
export interface DeltaRow { seq: number; tsNs: number; label?: string; fields: readonly DeltaCore[] }

/** The largest |pct| of one field over every sample; `pct` null: it differed where the reference was 0. */
export interface Within { field: string; pct: number | null; atSeq: number | null }
export interface DeviationSummary { samples: number; exact: number; within: Within[] }

/** The fields the one-line summary bounds. */
export const BOUNDED_FIELDS = ['mm_stat.orig_data_size', 'mm_stat.compr_data_size'] as const;

/** % of the reference, to 4 decimals (stable JSON); null when the reference is 0. */
export function pctOf(diff: number, reference: number): number | null {
  if (reference === 0 || !Number.isFinite(diff)) return null;
  return Math.round((diff / reference) * 1e6) / 1e4;
}

export const delta = (field: string, model: number, kernel: number): StatDelta =>
  ({ field, model, kernel, diff: model - kernel, pct: pctOf(model - kernel, kernel) });

/** The differing columns, in the stat table's order. */
export const statDeltas = (model: StatSet, kernel: StatSet): StatDelta[] =>
  compareStatSets(model, kernel).filter(columnDiffers).map((d) => delta(columnLabel(d.column), d.model, d.kernel));

/** Counts samples and keeps each bounded field's worst deviation; constant memory. */
export class DeviationTracker {
  private samples = 0;
  private exact = 0;
  private readonly within: Within[] = BOUNDED_FIELDS.map((field) => ({ field, pct: 0, atSeq: null }));

  add(seq: number, fields: readonly DeltaCore[]): void {
    this.samples++;
    if (fields.length === 0) this.exact++;
    for (const w of this.within) {
      const d = fields.find((f) => f.field === w.field);
      if (!d || w.pct === null) continue;
      const pct = d.pct === null ? null : Math.abs(d.pct);
      if (pct === null || pct > w.pct) { w.pct = pct; w.atSeq = seq; }
    }
  }

  result(): DeviationSummary {
    return { samples: this.samples, exact: this.exact, within: this.within.map((w) => ({ ...w })) };
  }
}

const shortName = (field: string): string => field.slice(field.indexOf('.') + 1);
export const percentText = (pct: number): string => `${pct.toFixed(2)}%`;

export interface SummaryWords { what: string; same: string; reference: string }
const KERNEL_WORDS: SummaryWords = { what: 'samples', same: 'exact', reference: "the kernel's" };

/** "N/M samples exact; orig_data_size within X%, compr_data_size within Y% at every sample". */
export function summaryLine(s: DeviationSummary, words: SummaryWords = KERNEL_WORDS): string {
  const { what, same, reference } = words;
  if (s.samples === 0) return `no ${what} to compare`;
  const one = what.replace(/s$/, '');
  const bounded = s.within.filter((w) => w.pct !== null)
    .map((w) => `${shortName(w.field)} within ${percentText(w.pct!)}`);
  const unbounded = s.within.filter((w) => w.pct === null)
    .map((w) => `${shortName(w.field)} differs where ${reference} is 0 (at event ${w.atSeq})`);
  const every = bounded.length ? [`${bounded.join(', ')} at every ${one}`] : [];
  return [`${s.exact}/${s.samples} ${what} ${same}`, ...every, ...unbounded].join('; ');
}
