// One self-contained HTML page for a Report: the plots first (inline SVG, drawn here), then the
// tables of the text report. No scripts, fonts, styles or images from outside. The x-axis of the
// time plots is the trace clock (seconds from the trace's first record); every kernel sample is a
// dot over the model's curve, ringed in red where any stat field differs from the model's.
import type { ClassStat } from '../zsmalloc/class-stats';
import { deviationsHtml, trustHtml } from './deviation-html';
import type { Report } from './model';
import { provenanceOf } from './provenance';
import { summaryLine } from './stat-deltas';
import { lineChart, escapeXml, type Series } from './svg';
import { formatReport } from './text';

export const COLORS = ['#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#bcbd22'];
export const DIVERGED = '#d62728';
const MIB = 1024 * 1024;
const sec = (ns: number): number => ns / 1e9;

type Pt = Report['timeline'][number] | Report['kernel']['points'][number];
interface Measure { name: string; color: string; get(p: Pt): number | null }

function timeChart(r: Report, id: string, title: string, yLabel: string, measures: Measure[]): string {
  const pts = (l: readonly Pt[], m: Measure): [number, number][] =>
    l.flatMap((p) => { const v = m.get(p); return v === null ? [] : [[sec(p.tsNs), v] as [number, number]]; });
  const k = r.kernel.points;
  const series: Series[] = [
    ...measures.map((m): Series => ({ name: `model ${m.name}`, color: m.color, points: pts(r.timeline, m) })),
    ...(k.length
      ? measures.map((m): Series => ({ name: `kernel ${m.name}`, color: m.color, points: pts(k, m), style: 'markers' }))
      : []),
  ];
  const diverged = k.filter((p) => p.differing > 0);
  if (k.length) {
    series.push({ name: `kernel sample differs from the model (${diverged.length} of ${k.length})`, color: DIVERGED,
      points: measures.flatMap((m) => pts(diverged, m)), style: 'diverged' });
  }
  return lineChart({ id, title, xLabel: 'trace time (s)', yLabel, series });
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function memoryChart(r: Report): string {
  return timeChart(r, 'plot-memory', 'Memory over trace time (model line, kernel samples dots)', 'MiB', [
    { name: 'orig_data_size', color: COLORS[1], get: (p) => p.origDataSize / MIB },
    { name: 'compr_data_size', color: COLORS[0], get: (p) => p.comprDataSize / MIB },
    { name: 'mem_used_total', color: COLORS[2], get: (p) => p.memUsedTotal / MIB }]);
}

function ratioChart(r: Report): string {
  return timeChart(r, 'plot-ratios', 'Compression ratio over trace time', 'ratio', [
    { name: 'orig/compr', color: COLORS[0], get: (p) => ratio(p.origDataSize, p.comprDataSize) },
    { name: 'orig/mem_used_total', color: COLORS[3], get: (p) => ratio(p.origDataSize, p.memUsedTotal) }]);
}

/** Latency CDFs per operation: the kernel's (from the trace); the replay's own run time is not zram latency. */
function cdfChart(r: Report): string {
  const kernel = r.cdf.filter((c) => !c.source.startsWith('service'));
  const series = kernel.map((c, i): Series => ({ name: `${c.op}: ${c.source}`, color: COLORS[(i + 4) % COLORS.length],
    points: c.points.length ? [[c.points[0][0], 0], ...c.points] : [] }));
  return lineChart({ id: 'plot-latency', title: 'Latency CDF per operation (kernel, from the trace)',
    xLabel: 'ns (log)', yLabel: 'fraction <= x', series, logX: true, steps: true, yMin: 0, yMax: 1 });
}

function classChart(classes: readonly ClassStat[] | undefined): string {
  const used = (classes ?? []).filter((c) => c.pagesUsed > 0);
  const freeable = used.filter((c) => c.freeable > 0);
  return lineChart({ id: 'plot-classes', title: 'zsmalloc size classes at the end (model)',
    xLabel: 'class size (bytes)', yLabel: 'pages', xMin: 0, xMax: 4096, barWidth: 3, series: [
      { name: 'pages used (zspages x pages per zspage)', color: COLORS[0], style: 'bars',
        points: used.map((c) => [c.size, c.pagesUsed]) },
      { name: 'freeable by compaction', color: COLORS[3], style: 'bars',
        points: freeable.map((c) => [c.size, c.freeable]) }] });
}

const STYLE = `body{font-family:sans-serif;margin:16px;background:#fff;color:#111}
.plots{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
svg{background:#fff;border:1px solid #ccc}pre{font-size:12px}p.sub{margin:0 0 12px;font-size:13px}
h2{font-size:15px;margin:16px 0 4px}table{border-collapse:collapse;font-size:12px}
th,td{border:1px solid #ccc;padding:2px 6px}table.deltas td{text-align:right}td.differs{color:#d62728}
table.trust th{text-align:left}section p{font-size:13px;margin:0 0 6px}`;

/** `sections`: HTML fragments shown between the plots and the text report. */
export function page(title: string, sub: string, charts: string[], text: string, sections: string[] = []): string {
  return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<title>${escapeXml(title)}</title><style>${STYLE}</style></head><body>\n` +
    `<h1 style="font-size:18px;margin:0 0 4px">${escapeXml(title)}</h1>\n<p class="sub">${escapeXml(sub)}</p>\n` +
    `<div class="plots">${charts.join('')}</div>\n${sections.join('')}<pre>${escapeXml(text)}</pre>\n</body></html>\n`;
}

/** The replay report; `classes`: the model's size classes at the end, when the replay ran on the model. */
export function htmlReport(r: Report, extra: { classes?: readonly ClassStat[] } = {}): string {
  const k = r.kernel;
  const sub = k.samples ? `kernel samples: ${summaryLine(k.summary)}` : 'no kernel samples in the input';
  return page(`zram-ref replay: ${r.header.inputName} on ${r.header.implementation}`, sub,
    [memoryChart(r), ratioChart(r), classChart(extra.classes), cdfChart(r)], formatReport(r), reportSections(r));
}

/** The trust and per-sample deviation tables of a report (an HTML fragment, also on its own for tests). */
export function reportSections(r: Pick<Report, 'input' | 'kernel'>): string[] {
  const k = r.kernel;
  return [trustHtml(provenanceOf(r.input)), k.samples === 0 ? '' : deviationsHtml('kernel-samples', 'Kernel samples',
    k.summary, k.rows, { diff: 'model - kernel', reference: "the kernel's value", total: k.samples - k.exact })];
}
