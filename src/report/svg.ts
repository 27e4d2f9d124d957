// Charts as inline SVG, drawn by hand (no external assets): axes with ticks, then per series a
// polyline (optionally as steps, for CDFs), dots (kernel samples) or rings (samples that differ
// from the model), or bars; then a legend that wraps and grows the chart instead of clipping.
// Every chart carries its id, a <title> and one <g class="series"> per series for tests and tools.
import { legend, LEGEND_ROW, type SeriesStyle } from './svg-legend';
import { linearScale, logScale, type Scale } from './svg-scale';
import { escapeXml } from './svg-text';

export { escapeXml };
export interface Series { name: string; color: string; points: readonly [number, number][]; style?: SeriesStyle }
export interface ChartSpec {
  id: string; title: string; xLabel: string; yLabel: string; series: readonly Series[];
  logX?: boolean; steps?: boolean; yMin?: number; yMax?: number; xMin?: number; xMax?: number; barWidth?: number;
}

export const CHART_W = 560;
/** Height without legend rows; each legend row adds LEGEND_ROW. */
export const CHART_H = 300;
const M = { left: 64, right: 16, top: 32, bottom: 56 };

function scales(c: ChartSpec): { x: Scale; y: Scale } {
  const pts = c.series.flatMap((s) => s.points);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const xLo = c.xMin ?? (xs.length ? Math.min(...xs) : 0);
  const xHi = c.xMax ?? (xs.length ? Math.max(...xs) : 1);
  const x = c.logX ? logScale(xLo, xHi, M.left, CHART_W - M.right) : linearScale(xLo, xHi, M.left, CHART_W - M.right);
  const y = linearScale(c.yMin ?? Math.min(0, ...ys), c.yMax ?? Math.max(1e-9, ...ys), CHART_H - M.bottom, M.top);
  return { x, y };
}

function axes(c: ChartSpec, x: Scale, y: Scale): string {
  const bottom = CHART_H - M.bottom;
  const xt = x.ticks.map((t) => `<line x1="${x(t).toFixed(1)}" y1="${bottom}" x2="${x(t).toFixed(1)}" y2="${bottom + 4}" stroke="#444"/>` +
    `<text x="${x(t).toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${x.format(t)}</text>`).join('');
  const yt = y.ticks.map((t) => `<line x1="${M.left}" y1="${y(t).toFixed(1)}" x2="${CHART_W - M.right}" y2="${y(t).toFixed(1)}" stroke="#e4e4e4"/>` +
    `<text x="${M.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${y.format(t)}</text>`).join('');
  const mid = (M.top + bottom) / 2;
  return `<g class="axes">${yt}${xt}` +
    `<line x1="${M.left}" y1="${bottom}" x2="${CHART_W - M.right}" y2="${bottom}" stroke="#444"/>` +
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${bottom}" stroke="#444"/>` +
    `<text x="${(M.left + CHART_W - M.right) / 2}" y="${bottom + 32}" text-anchor="middle">${escapeXml(c.xLabel)}</text>` +
    `<text x="14" y="${mid}" text-anchor="middle" transform="rotate(-90 14 ${mid})">${escapeXml(c.yLabel)}</text></g>`;
}

function draw(s: Series, x: Scale, y: Scale, c: ChartSpec): string {
  const P = (px: number, py: number): string => `${x(px).toFixed(1)},${y(py).toFixed(1)}`;
  const at = (px: number, py: number): string => `cx="${x(px).toFixed(1)}" cy="${y(py).toFixed(1)}"`;
  if (s.style === 'markers') {
    return s.points.map(([px, py]) => `<circle ${at(px, py)} r="3.5" fill="${s.color}"/>`).join('');
  }
  if (s.style === 'diverged') {
    const ring = `fill="none" stroke="${s.color}" stroke-width="2"`;
    return s.points.map(([px, py]) => `<circle ${at(px, py)} r="6" ${ring}/>`).join('');
  }
  if (s.style === 'bars') {
    const w = Math.max(1, c.barWidth ?? 3);
    const base = y(Math.max(0, y.ticks[0]));
    return s.points.map(([px, py]) => `<rect x="${(x(px) - w / 2).toFixed(1)}" y="${y(py).toFixed(1)}" width="${w}" ` +
      `height="${Math.max(0, base - y(py)).toFixed(1)}" fill="${s.color}"/>`).join('');
  }
  const pts: string[] = [];
  s.points.forEach(([px, py], i) => {
    if (c.steps && i > 0) pts.push(P(px, s.points[i - 1][1]));
    pts.push(P(px, py));
  });
  if (pts.length === 1) pts.push(pts[0]);
  return `<polyline fill="none" stroke="${s.color}" stroke-width="2.5" points="${pts.join(' ')}"/>`;
}

export function lineChart(c: ChartSpec): string {
  const { x, y } = scales(c);
  const empty = c.series.every((s) => s.points.length === 0);
  const body = empty ? `<text x="${CHART_W / 2}" y="${CHART_H / 2}" text-anchor="middle">no data</text>`
    : c.series.map((s) => `<g class="series" data-name="${escapeXml(s.name)}">${draw(s, x, y, c)}</g>`).join('');
  const lg = legend(c.series, 8, CHART_H - 6, CHART_W - 16);
  const h = CHART_H + Math.max(0, lg.rows - 1) * LEGEND_ROW;
  return `<svg id="${c.id}" class="chart" xmlns="http://www.w3.org/2000/svg" width="${CHART_W}" height="${h}" ` +
    `viewBox="0 0 ${CHART_W} ${h}" ` +
    `font-family="sans-serif" font-size="11"><title>${escapeXml(c.title)}</title>` +
    `<text x="${M.left}" y="18" font-size="13" font-weight="bold">${escapeXml(c.title)}</text>` +
    axes(c, x, y) + `<g class="plot">${body}</g>` + lg.svg + '</svg>';
}
