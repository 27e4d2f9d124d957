// The compact view of per-sample deviations: one row per differing sample, one column per field
// that differs in any shown row (in the stat table's order), each cell "diff (pct)". Shared by the
// replay report, `record --check` and `diff`; their --json forms carry every sample.
import { columnLabel, STAT_COLUMNS } from '../device/stat-columns';
import type { DeltaCore, DeltaRow } from './stat-deltas';
import { signed, table } from './table';

const ORDER = STAT_COLUMNS.map(columnLabel);
const rank = (field: string): number => { const i = ORDER.indexOf(field); return i < 0 ? ORDER.length : i; };
/** Field labels in the stat table's order (others after them, by name). */
export const byColumn = (a: string, b: string): number => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);

/** Three significant figures at most ("+267%", "+23.5%", "-2.70%"): the table is read, not computed with. */
const signedPct = (pct: number, diff: number): string => {
  const a = Math.abs(pct);
  if (a < 0.005) return `${diff < 0 ? '-' : '+'}<0.01%`;
  return `${pct > 0 ? '+' : ''}${pct.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2)}%`;
};

/** "+163840 (+266.67%)"; a value where the reference is 0 has no %; a text-only difference says so. */
export function deltaCell(d: Omit<DeltaCore, 'field'>): string {
  if (!Number.isFinite(d.diff)) return 'text';
  return `${signed(d.diff)} (${d.pct === null ? 'from 0' : signedPct(d.pct, d.diff)})`;
}

/** Which fields of which file differ: "mm_stat: orig_data_size compr_data_size; stat: write_ios". */
export function fieldsByFile(fields: readonly string[]): string {
  const files = new Map<string, string[]>();
  for (const f of [...fields].sort(byColumn)) {
    const [file, name] = [f.slice(0, f.indexOf('.')), f.slice(f.indexOf('.') + 1)];
    files.set(file, [...(files.get(file) ?? []), name]);
  }
  return [...files].map(([file, names]) => `${file}: ${names.join(' ')}`).join('; ');
}

export interface DeltaTableOptions {
  diff: string;       // what a cell's diff is, e.g. "model - kernel"
  reference: string;  // what the % is of, e.g. "the kernel's value"
  maxRows: number;
  total?: number;     // differing samples in all (more than `rows` when some were not kept)
  what?: string;      // what a row is: "samples" (the default), "checkpoints"
}

/** The table of the differing samples among `rows` (at most maxRows of them shown). */
export function deltaTable(rows: readonly DeltaRow[], o: DeltaTableOptions): string {
  const differing = rows.filter((r) => r.fields.length > 0);
  if (differing.length === 0) return '';
  const shown = differing.slice(0, o.maxRows);
  const fields = [...new Set(shown.flatMap((r) => r.fields.map((f) => f.field)))].sort(byColumn);
  const head = ['after event', 'ms', ...fields.map((f) => f.slice(f.indexOf('.') + 1))];
  const body = shown.map((r) => [r.label ?? r.seq, (r.tsNs / 1e6).toFixed(3),
    ...fields.map((f) => { const d = r.fields.find((x) => x.field === f); return d ? deltaCell(d) : '='; })]);
  const more = (o.total ?? differing.length) - shown.length;
  return `  differing fields (${fieldsByFile(fields)}); cells: ${o.diff} (% of ${o.reference})\n` +
    table(head, body, '  ', head.map(() => true)) +
    (more > 0 ? `  ... ${more} more differing ${o.what ?? 'samples'} (every one in --json)\n` : '');
}
