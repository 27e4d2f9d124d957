// The HTML report of two committed bundles replayed on the model: seqwrite (every kernel sample
// exact) and ext4-fstrim (approximate: most samples differ). The page is self-contained; each
// expected plot is present by id and <title> with the right series (one kernel dot per sample and
// measure, a red ring per differing sample); legends stay inside their charts; and in headless
// Chromium the page is not blank and each plot's own colours are drawn in its plot area, which a
// control page without the plot bodies does not show (so the pixel check can fail).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { htmlReport, type Report } from '../../src/report';
import { COLORS, DIVERGED } from '../../src/report/html';
import { lineChart, CHART_W } from '../../src/report/svg';
import { ModelImplementation } from '../../src/replay/model-implementation';
import { replaySession } from '../../src/replay/session';
import { countColor, countInk, decodePng, type Image } from './png';
import { describeUnless } from '../helpers/skip';

const CHROMIUM = ['chromium', 'chromium-browser'].find((c) => spawnSync('which', [c]).status === 0);
const NO_CHROMIUM = CHROMIUM ? null : 'chromium is not installed (apt-get install chromium; .ci/run does)';
const BUNDLES = path.join(__dirname, '../../traces/bundles');
const IDS = ['plot-memory', 'plot-ratios', 'plot-classes', 'plot-latency'];

async function bundleHtml(name: string): Promise<{ report: Report; html: string }> {
  const impl = new ModelImplementation();
  const { report } = await replaySession({ input: path.join(BUNDLES, name), knobs: {}, variant: 'claim',
    content: 'exact', every: 8, target: async () => impl });
  return { report, html: htmlReport(report, { classes: impl.deviceState.pool!.classStats() }) };
}

const svgs = (html: string): Map<string, string> =>
  new Map([...html.matchAll(/<svg id="([^"]+)"[\s\S]*?<\/svg>/g)].map((m) => [m[1], m[0]]));
const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;
const seriesOf = (svg: string, name: string): string => {
  const at = svg.indexOf(`<g class="series" data-name="${name}">`);
  return at < 0 ? '' : svg.slice(at, svg.indexOf('</g>', at));
};

function screenshot(html: string, dir: string, w: number, h: number): Image {
  const page = path.join(dir, 'page.html');
  const png = path.join(dir, 'shot.png');
  fs.rmSync(png, { force: true });
  fs.writeFileSync(page, html);
  const r = spawnSync(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars',
    `--user-data-dir=${path.join(dir, 'profile')}`,
    `--screenshot=${png}`, `--window-size=${w},${h}`, `file://${page}`], { timeout: 90_000, encoding: 'utf8' });
  if (!fs.existsSync(png)) throw new Error(`chromium wrote no screenshot (status ${r.status}): ${r.stderr}`);
  return decodePng(fs.readFileSync(png));
}

/** The report's charts stacked at known places (body margin 0), for per-plot pixel checks. */
function stacked(html: string, strip = false): { page: string; tops: Map<string, number>; height: number } {
  let top = 0;
  const tops = new Map<string, number>();
  const parts: string[] = [];
  for (const [id, svg] of svgs(html)) {
    tops.set(id, top);
    const body = /<g class="plot">[\s\S]*?<\/g><g class="legend">/;
    const s = strip ? svg.replace(body, '<g class="plot"></g><g class="legend">') : svg;
    parts.push(`<div style="position:absolute;left:0;top:${top}px">${s}</div>`);
    top += Number(/height="(\d+)"/.exec(svg)![1]) + 10;
  }
  const page = `<!DOCTYPE html><html><body style="margin:0;background:#fff">${parts.join('')}</body></html>`;
  return { page, tops, height: top };
}

const PLOT_COLORS: Record<string, string[]> = {
  'plot-memory': [COLORS[1], COLORS[0], COLORS[2]], 'plot-ratios': [COLORS[0], COLORS[3]], 'plot-classes': [COLORS[0]],
  'plot-latency': [COLORS[4], COLORS[5]],
};

describe.each([['seqwrite', 'exact'], ['ext4-fstrim', 'approximate']])('HTML report of %s (%s)', (bundle) => {
  let report: Report;
  let html: string;
  beforeAll(async () => ({ report, html } = await bundleHtml(bundle)), 60_000);

  test('self-contained, with the four plots by id and title', () => {
    expect(html).not.toMatch(/<script|<link|<img|url\(|@import|src=|href=/i);
    const s = svgs(html);
    expect([...s.keys()]).toEqual(IDS);
    for (const svg of s.values()) expect(svg).toMatch(/<title>[^<]+<\/title>/);
  });

  test('every kernel sample is a dot per measure; differing samples are ringed', () => {
    const k = report.kernel;
    expect(k.samples).toBeGreaterThan(0);
    const mem = svgs(html).get('plot-memory')!;
    for (const m of ['orig_data_size', 'compr_data_size', 'mem_used_total']) {
      expect(count(seriesOf(mem, `kernel ${m}`), /<circle /g)).toBe(k.samples);
      expect(count(seriesOf(mem, `model ${m}`), /<polyline /g)).toBe(1);
    }
    const rings = seriesOf(mem, `kernel sample differs from the model (${k.samples - k.exact} of ${k.samples})`);
    expect(count(rings, /<circle [^>]*fill="none"/g)).toBe(3 * (k.samples - k.exact));
  });

  test('the x-axis is trace time and the size-class chart has a bar per class in use', () => {
    for (const id of ['plot-memory', 'plot-ratios']) expect(svgs(html).get(id)).toContain('>trace time (s)<');
    const bars = count(seriesOf(svgs(html).get('plot-classes')!, 'pages used (zspages x pages per zspage)'), /<rect /g);
    expect(bars).toBeGreaterThan(10);
  });

  describeUnless(NO_CHROMIUM, 'in headless Chromium', () => {
    let dir: string;
    beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-html-')); });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('the page is not blank', () => {
      const img = screenshot(html, dir, 1200, 900);
      expect(img.width).toBe(1200);
      const ink = countInk(img, { x: 0, y: 0, w: img.width, h: img.height });
      expect(ink / (img.width * img.height)).toBeGreaterThan(0.03);
    });

    test("each plot area shows its own series' colours; without the plot bodies it does not", () => {
      // inside the axes (the x-axis is at 244)
      const area = (top: number) => ({ x: 66, y: top + 30, w: CHART_W - 84, h: 216 });
      const check = (strip: boolean): string[] => {
        const s = stacked(html, strip);
        const img = screenshot(s.page, dir, CHART_W + 20, s.height);
        const rings = report.kernel.exact < report.kernel.samples ? [DIVERGED] : [];
        const colors = (id: string) => [...PLOT_COLORS[id], ...(id === 'plot-memory' ? rings : [])];
        const missing = (id: string) => colors(id).filter((c) => countColor(img, area(s.tops.get(id)!), c) < 40);
        return IDS.flatMap((id) => missing(id).map((c) => `${id} ${c}`));
      };
      expect(check(false)).toEqual([]);
      expect(check(true).length).toBeGreaterThanOrEqual(IDS.length);
    });
  });
});

test('legends never clip: eight long series names wrap inside the chart, which grows to hold them', () => {
  const names = Array.from({ length: 8 }, (_, i) => `configuration ${i}: alg=zstd,level=${i},mem_limit=${i}M (long)`);
  const svg = lineChart({ id: 't', title: 't', xLabel: 'x', yLabel: 'y',
    series: names.map((name, i) => ({ name, color: COLORS[i], points: [[0, i], [1, i + 1]] })) });
  const w = Number(/width="(\d+)"/.exec(svg)![1]);
  const h = Number(/height="(\d+)"/.exec(svg)![1]);
  const legend = svg.slice(svg.indexOf('<g class="legend">'));
  const texts = [...legend.matchAll(/<text x="([\d.]+)" y="([\d.]+)">([^<]*)<\/text>/g)];
  expect(texts).toHaveLength(8);
  expect(h).toBeGreaterThan(300);
  for (const [, x, y, t] of texts) {
    expect(Number(x) + t.length * 6.8).toBeLessThanOrEqual(w);
    expect(Number(y) + 4).toBeLessThanOrEqual(h);
  }
  const long = lineChart({ id: 'u', title: 'u', xLabel: 'x', yLabel: 'y',
    series: [{ name: 'n'.repeat(200), color: '#000', points: [[0, 0]] }] });
  expect(long).toMatch(/<title>n{200}<\/title>/); // shortened on screen, whole in the tooltip
});
