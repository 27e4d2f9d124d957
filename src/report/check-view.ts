// `record --check`'s output: the bundle check (device/sample-check.ts) as text and JSON, with the
// per-sample deviations and the recording's provenance rendered as the replay report does.
import type { CheckReport } from '../device/sample-check';
import { allocationOrderNote as noteText, byAllocationOrder as explains } from './allocation-order';
import { deltaTable } from './delta-table';
import { provenanceOf, type InputProvenance } from './provenance';
import { delta, DeviationTracker, summaryLine } from './stat-deltas';
import type { DeviationSummary, SampleDeltas, StatDelta } from './stat-deltas';
import { kv } from './table';
import { TRUST_TITLE, trustRows } from './trust';

const TEXT_ROWS = 20;

interface CheckDeviation { file: string; field: string; kernel: number | null; model: number | null;
  diff: number | null; pct: number | null }
export interface CheckJson {
  bundle: string; contents: string; summary: DeviationSummary; input: InputProvenance;
  samples: number; exact: number; rejected: string[]; maxAbs: Record<string, number>;
  overlappingWrites: number; allocationOrder: boolean;
  checks: { seq: number; tsNs: number; deviations: CheckDeviation[] }[];
}

/** The check's samples as the report's deltas (a text-only difference has no numbers: diff NaN). */
export const checkDeltas = (r: CheckReport): SampleDeltas[] => r.checks.map((c) => ({ seq: c.seq, tsNs: c.tsNs,
  fields: c.deviations.map((d): StatDelta => delta(`${d.file}.${d.field}`, d.model, d.kernel)) }));

function summaryOf(samples: readonly SampleDeltas[]): DeviationSummary {
  const t = new DeviationTracker();
  for (const s of samples) t.add(s.seq, s.fields);
  return t.result();
}

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Deviations that the unseen allocation order of overlapping writes explains (allocation-order.ts). */
const byAllocationOrder = (r: CheckReport): boolean => r.rejected.length === 0 && explains(r.samples - r.exact,
  r.overlappingWrites, r.checks.flatMap((c) => c.deviations.map((d) => `${d.file}.${d.field}`)));

const allocationOrderNote = (r: CheckReport): string =>
  (byAllocationOrder(r) ? `  note: ${noteText(r.overlappingWrites)}\n` : '');

/** `input`: the provenance in the contract's `input` shape (absent for older bundles). */
export function checkJson(bundle: string, mode: string, r: CheckReport, input?: unknown): CheckJson {
  const samples = checkDeltas(r);
  return { bundle, contents: mode, summary: summaryOf(samples), input: provenanceOf(input), samples: r.samples,
    exact: r.exact, rejected: r.rejected, maxAbs: r.maxAbs,
    overlappingWrites: r.overlappingWrites, allocationOrder: byAllocationOrder(r),
    checks: r.checks.map((c, i) => ({ seq: c.seq, tsNs: c.tsNs, deviations: c.deviations.map((d, j) => {
      const x = samples[i].fields[j];
      return { file: d.file, field: d.field, kernel: num(d.kernel), model: num(d.model), diff: num(x.diff),
        pct: x.pct };
    }) })) };
}

export function formatCheck(bundle: string, mode: string, r: CheckReport, input?: unknown): string {
  const samples = checkDeltas(r);
  const trust = trustRows(provenanceOf(input));
  return `[${mode}] ${bundle}: ${summaryLine(summaryOf(samples))}; ${r.rejected.length} events rejected\n` +
    (trust.length ? `${TRUST_TITLE}\n${kv(trust)}\n` : '') +
    deltaTable(samples, { diff: 'model - kernel', reference: "the kernel's value", maxRows: TEXT_ROWS }) +
    allocationOrderNote(r) +
    r.rejected.slice(0, TEXT_ROWS).map((x) => `  rejected: ${x}\n`).join('');
}
