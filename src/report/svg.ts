// Line charts as inline SVG, drawn by hand (no external assets): axes with ticks, one polyline
// per series (optionally as steps, for CDFs), and a legend.
import { linearScale, logScale, type Scale } from './svg-scale';

export interface Series { name: string; color: string; points: readonly [number, number][] }
export interface ChartSpec {
  id: string; title: string; xLabel: string; yLabel: string; series: readonly Series[];
  logX?: boolean; steps?: boolean; yMin?: number; yMax?: number;
}

export const CHART_W = 560;
export const CHART_H = 320;
const M = { left: 64, right: 16, top: 32, bottom: 70 };

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function scales(c: ChartSpec): { x: Scale; y: Scale } {
  const pts = c.series.flatMap((s) => s.points);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const xLo = xs.length ? Math.min(...xs) : 0;
  const xHi = xs.length ? Math.max(...xs) : 1;
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
  return yt + xt +
    `<line x1="${M.left}" y1="${bottom}" x2="${CHART_W - M.right}" y2="${bottom}" stroke="#444"/>` +
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${bottom}" stroke="#444"/>` +
    `<text x="${(M.left + CHART_W - M.right) / 2}" y="${bottom + 32}" text-anchor="middle">${escapeXml(c.xLabel)}</text>` +
    `<text x="14" y="${(M.top + bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(M.top + bottom) / 2})">${escapeXml(c.yLabel)}</text>`;
}

function path(s: Series, x: Scale, y: Scale, steps: boolean): string {
  const pts: string[] = [];
  s.points.forEach(([px, py], i) => {
    if (steps && i > 0) pts.push(`${x(px).toFixed(1)},${y(s.points[i - 1][1]).toFixed(1)}`);
    pts.push(`${x(px).toFixed(1)},${y(py).toFixed(1)}`);
  });
  if (pts.length === 1) pts.push(pts[0]);
  return `<polyline fill="none" stroke="${s.color}" stroke-width="2.5" points="${pts.join(' ')}"/>`;
}

/** Legend rows below the x-axis label, three entries a row (two rows fit). */
function legend(series: readonly Series[]): string {
  const y0 = CHART_H - M.bottom + 48;
  return series.map((s, i) => {
    const x0 = M.left + (i % 3) * 160;
    const y = y0 + Math.floor(i / 3) * 14;
    return `<rect x="${x0}" y="${y - 8}" width="14" height="8" fill="${s.color}"/><text x="${x0 + 18}" y="${y}">${escapeXml(s.name)}</text>`;
  }).join('');
}

export function lineChart(c: ChartSpec): string {
  const { x, y } = scales(c);
  const body = c.series.every((s) => s.points.length === 0)
    ? `<text x="${CHART_W / 2}" y="${CHART_H / 2}" text-anchor="middle">no data</text>`
    : c.series.map((s) => path(s, x, y, c.steps === true)).join('');
  return `<svg id="${c.id}" xmlns="http://www.w3.org/2000/svg" width="${CHART_W}" height="${CHART_H}" viewBox="0 0 ${CHART_W} ${CHART_H}" ` +
    `font-family="sans-serif" font-size="11">` +
    `<text x="${M.left}" y="18" font-size="13" font-weight="bold">${escapeXml(c.title)}</text>` +
    axes(c, x, y) + body + legend(c.series) + '</svg>';
}
