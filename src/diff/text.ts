// The terminal view of a DiffReport.
import { deltaTable } from '../report/delta-table';
import { summaryLine } from '../report/stat-deltas';
import type { DiffReport, SideInfo } from './model';

const STAT_ROWS = 20;

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

/** What to say before diffing: outputs of different inputs, and options that differ. */
export function formatInputCheck(a: SideInfo, b: SideInfo): string {
  let s = '';
  if (a.inputDigest !== b.inputDigest) {
    s += `warning: the outputs are of different inputs:\n  A ${a.name}: ${a.inputName} ${a.inputDigest}\n` +
      `  B ${b.name}: ${b.inputName} ${b.inputDigest}\n`;
  }
  const keys = (Object.keys(a.options) as (keyof SideInfo['options'])[]).filter((k) => a.options[k] !== b.options[k]);
  if (keys.length) s += `note: replay options differ: ${keys.map((k) => `${k} (${show(a.options[k])} vs ${show(b.options[k])})`).join(', ')}\n`;
  return s;
}

export function formatDiff(r: DiffReport): string {
  const lines = [`A: ${r.a.name} (${r.a.implementation})`, `B: ${r.b.name} (${r.b.implementation})`,
    `records compared: ${r.compared}, only in A: ${r.onlyInA}, only in B: ${r.onlyInB}`];
  for (const n of r.notCompared) lines.push(`not compared: ${n.field} in ${n.count} records (one side cannot observe it)`);
  if (r.first === null) {
    lines.push(r.sameInput ? 'EQUAL: no field differs' : 'no field differs, but the inputs differ');
    return lines.join('\n') + '\n';
  }
  const f = r.first;
  lines.push(`DIFFERENT: first divergence at event ${f.seq} (${f.record}), field ${f.field}`, `  A: ${show(f.a)}`, `  B: ${show(f.b)}`);
  if (f.before.length) lines.push('  records just before it (A):', ...f.before.map((l) => `    ${l}`));
  lines.push('per field (records differing, first at event):');
  for (const c of [...r.fields].sort((x, y) => y.count - x.count || (x.field < y.field ? -1 : 1))) {
    lines.push(`  ${c.field.padEnd(44)} ${String(c.count).padStart(8)}  ${c.firstSeq}`);
  }
  return lines.join('\n') + '\n' + statsPart(r);
}

/** The checkpoints' stats, B against A: the summary and one row per differing checkpoint. */
function statsPart(r: DiffReport): string {
  const s = r.stats;
  if (s.summary.samples === 0) return '';
  return `stats at checkpoints: ${summaryLine(s.summary, { what: 'checkpoints', same: 'equal', reference: "A's" })}\n` +
    deltaTable(s.checkpoints.map((c) => ({ ...c, label: `${c.seq} (${c.reason})` })), { diff: 'B - A',
      reference: "A's value", maxRows: STAT_ROWS, what: 'checkpoints', total: s.summary.samples - s.summary.exact });
}
