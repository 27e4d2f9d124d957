// HTML fragments of the per-sample deviations and of "How far to trust this recording": the same
// rows as the text views (delta-table.ts, trust.ts), as tables; a differing cell is marked.
import { byColumn, deltaCell } from './delta-table';
import type { InputProvenance } from './provenance';
import { summaryLine, type DeviationSummary, type SampleDeltas } from './stat-deltas';
import { escapeXml } from './svg';
import { TRUST_TITLE, trustRows } from './trust';

const MAX_HTML_ROWS = 200;

/** The file header row (one cell spanning each file's columns) over the column names. */
function headRows(fields: readonly string[]): string {
  const groups: [string, number][] = [];
  for (const f of fields) {
    const file = f.slice(0, f.indexOf('.'));
    if (groups.length && groups[groups.length - 1][0] === file) groups[groups.length - 1][1]++;
    else groups.push([file, 1]);
  }
  return `<tr><th rowspan="2">after event</th><th rowspan="2">ms</th>` +
    groups.map(([file, n]) => `<th colspan="${n}">${escapeXml(file)}</th>`).join('') + '</tr>\n<tr>' +
    fields.map((f) => `<th>${escapeXml(f.slice(f.indexOf('.') + 1))}</th>`).join('') + '</tr>\n';
}

/** `id`, title and wording as the text view's; `total`: differing samples in all. */
export function deviationsHtml(id: string, title: string, s: DeviationSummary, rows: readonly SampleDeltas[],
  o: { diff: string; reference: string; total?: number }): string {
  const differing = rows.filter((r) => r.fields.length > 0);
  const shown = differing.slice(0, MAX_HTML_ROWS);
  const fields = [...new Set(shown.flatMap((r) => r.fields.map((f) => f.field)))].sort(byColumn);
  const more = (o.total ?? differing.length) - shown.length;
  const body = shown.map((r) => `<tr><td>${r.seq}</td><td>${(r.tsNs / 1e6).toFixed(3)}</td>` + fields.map((f) => {
    const d = r.fields.find((x) => x.field === f);
    if (!d) return '<td>=</td>';
    const title = escapeXml(`model ${d.model}, kernel ${d.kernel}`);
    return `<td class="differs" title="${title}">${escapeXml(deltaCell(d))}</td>`;
  }).join('') + '</tr>\n').join('');
  return `<section id="${id}"><h2>${escapeXml(title)}</h2>\n<p>${escapeXml(summaryLine(s))}</p>\n` +
    (shown.length ? `<p class="sub">cells: ${escapeXml(o.diff)} (% of ${escapeXml(o.reference)})</p>\n` +
      `<table class="deltas">\n${headRows(fields)}${body}</table>\n` : '') +
    (more > 0 ? `<p class="sub">${more} more differing samples (every sample in --json)</p>\n` : '') + '</section>\n';
}

/** The trust section, or '' when the input carries no provenance. */
export function trustHtml(p: InputProvenance): string {
  const rows = trustRows(p);
  if (rows.length === 0) return '';
  return `<section id="trust"><h2>${escapeXml(TRUST_TITLE)}</h2>\n<table class="trust">\n` +
    rows.map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td>${escapeXml(v)}</td></tr>\n`).join('') +
    '</table></section>\n';
}
