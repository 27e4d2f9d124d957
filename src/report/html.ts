// One self-contained HTML page for a Report: the plots first (inline SVG, drawn here), then the
// tables of the text report. No scripts, fonts, styles or images from outside.
import type { Report } from './model';
import { CHART_H, CHART_W, escapeXml, lineChart, type Series } from './svg';
import { formatReport } from './text';

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const MIB = 1024 * 1024;

function ratioChart(r: Report): string {
  const pts = r.timeline;
  const ser = (name: string, color: string, den: (p: (typeof pts)[number]) => number): Series =>
    ({ name, color, points: pts.filter((p) => den(p) > 0).map((p) => [p.seq, p.origDataSize / den(p)]) });
  return lineChart({ id: 'plot-ratios', title: 'Compression ratio over the replay', xLabel: 'event', yLabel: 'ratio',
    series: [ser('orig/compr', COLORS[0], (p) => p.comprDataSize), ser('orig/mem_used_total', COLORS[1], (p) => p.memUsedTotal)] });
}

function memoryChart(r: Report): string {
  const ser = (name: string, color: string, get: (p: Report['timeline'][number]) => number): Series =>
    ({ name, color, points: r.timeline.map((p) => [p.seq, get(p) / MIB]) });
  return lineChart({ id: 'plot-memory', title: 'Memory over the replay', xLabel: 'event', yLabel: 'MiB', series: [
    ser('orig_data_size', COLORS[2], (p) => p.origDataSize), ser('compr_data_size', COLORS[0], (p) => p.comprDataSize),
    ser('mem_used_total', COLORS[1], (p) => p.memUsedTotal)] });
}

function cdfChart(r: Report): string {
  // each CDF starts at 0 just at its first value, so a step shows where the samples begin
  const series = r.cdf.map((c, i): Series => ({ name: `${c.op}: ${c.source}`, color: COLORS[(i + 3) % COLORS.length],
    points: c.points.length ? [[c.points[0][0], 0], ...c.points] : [] }));
  return lineChart({ id: 'plot-latency', title: 'Latency CDF per operation', xLabel: 'ns (log)', yLabel: 'fraction <= x',
    series, logX: true, steps: true, yMin: 0, yMax: 1 });
}

const STYLE = `body{font-family:sans-serif;margin:16px;background:#fff;color:#111}
.plots{display:grid;grid-template-columns:repeat(2,${CHART_W}px);grid-auto-rows:${CHART_H}px;gap:16px}
svg{background:#fff;border:1px solid #ccc}pre{font-size:12px}`;

export function htmlReport(r: Report): string {
  const title = `zram-ref replay: ${r.header.inputName} on ${r.header.implementation}`;
  return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<title>${escapeXml(title)}</title><style>${STYLE}</style></head><body>\n` +
    `<h1 style="font-size:18px;margin:0 0 12px">${escapeXml(title)}</h1>\n` +
    `<div class="plots">${ratioChart(r)}${memoryChart(r)}${cdfChart(r)}</div>\n` +
    `<pre>${escapeXml(formatReport(r))}</pre>\n</body></html>\n`;
}
