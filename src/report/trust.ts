// "How far to trust this recording": the provenance of its page contents (exact / inferred /
// unknown, with reasons), the swap slot frees inferred and how often they agree with the
// kernel's notify_free, and the writes taken for write-zeroes. As key/value rows (the text and
// HTML views both print them); nothing when the input carries no provenance (older inputs).
import { PAGE_REASONS } from '../ingest/captured/stats';
import type { ContentsProvenance, InputProvenance, SlotFreeProvenance, WriteZeroesProvenance } from './provenance';
import { percent } from './table';

const MODES: Record<string, string> = {
  exact: 'exact contents (workload)', captured: 'captured (external writes read back)',
  approximate: 'approximate (device image at the end)',
};

/** "38112 exact (98.90%)" */
const share = (n: number, what: string, total: number): string =>
  `${n} ${what}${total > 0 ? ` (${percent(n / total)})` : ''}`;

const CLASS_ORDER = ['exact', 'inferred', 'unknown', 'other'];
const classOf = (reason: string): string => (PAGE_REASONS as Record<string, string>)[reason] ?? 'other';

/** "exact: read-back 38112; inferred: write-zeroes 56": by provenance class, most frequent first. */
export function reasonsText(r: Record<string, number>): string {
  const sorted = Object.entries(r).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return CLASS_ORDER.map((c) => [c, sorted.filter(([k]) => classOf(k) === c)] as const).filter(([, l]) => l.length)
    .map(([c, l]) => `${c}: ${l.map(([k, n]) => `${k} ${n}`).join(', ')}`).join('; ');
}

function contentsRows(c: ContentsProvenance): [string, string][] {
  const { exact, inferred, unknown } = c.pages;
  const total = exact + inferred + unknown;
  const mode = MODES[c.mode] ?? c.mode;
  if (inferred === 0 && unknown === 0) return [['contents', `${mode}: all ${total} pages exact`]];
  const rows: [string, string][] = [['contents', `${mode}: ${total} pages: ${share(exact, 'exact', total)}, ` +
    `${share(inferred, 'inferred', total)}, ${share(unknown, 'unknown', total)}`]];
  if (Object.keys(c.reasons).length) rows.push(['reasons', reasonsText(c.reasons)]);
  if (unknown > 0 && c.standIn) rows.push(['unknown pages', `replayed with ${c.standIn}`]);
  return rows;
}

function slotFreeRows(s: SlotFreeProvenance): [string, string][] {
  const rows: [string, string][] = [['slot frees', `${s.inferred} inferred (${s.fromSwapIn} after swap-in reads, ` +
    `${s.fromRelease} from released slots, ${s.fromSwapoff} by swapoff; ${s.busy} busy)`]];
  const c = s.checks;
  let check = c.samples === 0 ? 'no kernel sample to check them against'
    : `agree with the kernel's notify_free at ${c.agree}/${c.samples} samples`;
  if (c.first) {
    // `sample` is the 0-based index among the samples checked
    check += `; first disagreement at sample ${c.first.sample + 1} of ${c.samples}` +
      `${c.first.label ? ` (${c.first.label})` : ''}: notify_free ${c.first.inferred} from the inferred frees, ` +
      `kernel ${c.first.kernel}`;
  }
  rows.push(['slot-free check', check]);
  return rows;
}

function writeZeroesText(w: WriteZeroesProvenance): string {
  const intervals = (n: number): string => `${n} sample interval${n === 1 ? '' : 's'}`;
  const doubt = [w.ambiguous ? `${intervals(w.ambiguous)} ambiguous (the earliest writes taken)` : '',
    w.unfit ? `${intervals(w.unfit)} where no choice fits the kernel's counters` : ''].filter((s) => s !== '');
  return `${w.inferred} of ${w.candidates} writes read back as zeros taken for write-zeroes (inferred)` +
    (doubt.length ? `; ${doubt.join(', ')}` : '');
}

/** The section's rows, [] when there is nothing to say. */
export function trustRows(p: InputProvenance): [string, string][] {
  const rows: [string, string][] = [];
  if (p.contents) rows.push(...contentsRows(p.contents));
  if (p.slotFrees) rows.push(...slotFreeRows(p.slotFrees));
  if (p.writeZeroes) rows.push(['write-zeroes', writeZeroesText(p.writeZeroes)]);
  return rows;
}

export const TRUST_TITLE = 'How far to trust this recording';
