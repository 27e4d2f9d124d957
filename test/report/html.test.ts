// The HTML report renders in headless Chromium: the screenshot is not blank and each plot area
// holds its series' colours; the same page with the plot lines removed does not (so the check
// can fail). Skipped with a message where Debian's chromium is not installed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ReportBuilder, htmlReport } from '../../src/report';
import { CHART_H, CHART_W } from '../../src/report/svg';
import { ModelImplementation } from '../../src/replay/model-implementation';
import { replayToStrings } from '../replay/helpers';
import { smallSequence } from '../replay/small-sequence';
import { countColor, countInk, decodePng, type Image } from './png';
import { describeUnless } from '../helpers/skip';

const CHROMIUM = ['chromium', 'chromium-browser'].find((c) => spawnSync('which', [c]).status === 0);
const WINDOW = { w: 1200, h: 800 };
const GRID = { x: 16, y: 50, gap: 16 }; // body margin; below the h1 (see html.ts STYLE)

function screenshot(html: string, dir: string): Image {
  const page = path.join(dir, 'report.html');
  const png = path.join(dir, 'shot.png');
  fs.writeFileSync(page, html);
  const r = spawnSync(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${path.join(dir, 'profile')}`,
    `--screenshot=${png}`, `--window-size=${WINDOW.w},${WINDOW.h}`, `file://${page}`], { timeout: 90_000, encoding: 'utf8' });
  if (!fs.existsSync(png)) throw new Error(`chromium wrote no screenshot (status ${r.status}): ${r.stderr}`);
  return decodePng(fs.readFileSync(png));
}

/** The plot area (inside the axes, above the legend) of the chart at grid cell (col, row). */
const plotArea = (col: number, row: number) => ({
  x: GRID.x + col * (CHART_W + GRID.gap) + 70, y: GRID.y + row * (CHART_H + GRID.gap) + 40, w: CHART_W - 96, h: CHART_H - 120,
});

const EXPECT: [string, { x: number; y: number; w: number; h: number }, string[]][] = [
  ['ratios', plotArea(0, 0), ['#1f77b4', '#d62728']],
  ['memory', plotArea(1, 0), ['#2ca02c', '#1f77b4', '#d62728']],
  ['latency CDF', plotArea(0, 1), ['#ff7f0e', '#9467bd', '#17becf']],
];

const NO_CHROMIUM = CHROMIUM ? null : 'chromium is not installed (apt-get install chromium; .ci/run does)';

describeUnless(NO_CHROMIUM, 'HTML report in headless Chromium', () => {
  let dir: string;
  let html: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-html-'));
    const { records, timing } = await replayToStrings(new ModelImplementation(), smallSequence(), 5);
    const b = new ReportBuilder();
    records.forEach((r) => b.add(r));
    timing.forEach((t) => b.addTiming(t));
    html = htmlReport(b.build());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('is self-contained: no external assets', () => {
    expect(html).not.toMatch(/<script|<link|<img|url\(|@import|src=|href=/i);
    expect(html.match(/<svg /g)).toHaveLength(3);
  });

  test('the screenshot is not blank and shows the three plots', () => {
    const img = screenshot(html, dir);
    expect(img.width).toBe(WINDOW.w);
    const ink = countInk(img, { x: 0, y: 0, w: img.width, h: img.height });
    expect(ink / (img.width * img.height)).toBeGreaterThan(0.02);
    for (const [name, rect, colors] of EXPECT) {
      for (const c of colors) {
        const n = countColor(img, rect, c);
        if (n < 150) throw new Error(`plot '${name}': only ${n} pixels of ${c} in its plot area`);
      }
    }
  });

  test('control: without the plot lines the same areas hold none of those colours', () => {
    const img = screenshot(html.replace(/<polyline [^>]*\/>/g, ''), dir);
    for (const [, rect, colors] of EXPECT) for (const c of colors) expect(countColor(img, rect, c)).toBeLessThan(20);
  });
});
