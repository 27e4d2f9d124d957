// The main job over the committed bundles (model only here; the device path is covered by
// bundles.test.ts): a summary row per bundle and the first bundle's report.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMainJob } from '../../src/replay/main-job';
import { testUnless } from '../helpers/skip';

const ROOT = path.join(__dirname, '../../traces/bundles');
const has = fs.existsSync(ROOT) && fs.readdirSync(ROOT).some((d) => fs.existsSync(path.join(ROOT, d, 'manifest.json')));

testUnless(has ? null : 'no bundles in traces/bundles', 'summarises every bundle and prints the first one\'s report', async () => {
  const r = await runMainJob({ bundlesDir: ROOT, kernel: false });
  const bundles = fs.readdirSync(ROOT).filter((d) => fs.existsSync(path.join(ROOT, d, 'manifest.json')));
  // bundle, contents (mode and exact share), events, bios, samples exact
  for (const b of bundles) expect(r.text).toMatch(new RegExp(`^  ${b} +[a-z]+(: [\\d.]+% [a-z]+(, [\\d.]+% [a-z]+)*)? +\\d+ +\\d+ +\\d+/\\d+ `, 'm'));
  expect(r.text).toMatch(/^  swap-exit +captured +\d+ +\d+ +12\/12 +[\d.]+\* /m); // every page exact; ratios at peak use
  expect(r.text).toMatch(/real device skipped: not asked for/);
  expect(r.text).toMatch(/zram-ref replay report/);
  expect(r.ok).toBe(true);
});

test('no bundles: says so', async () => {
  const r = await runMainJob({ bundlesDir: path.join(__dirname, 'no-such-dir'), kernel: false });
  expect(r).toEqual({ text: expect.stringMatching(/no record bundles/), ok: false, rows: [], realDeviceSkipped: null });
});
