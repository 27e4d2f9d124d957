// `zram-ref demo --json` (issue 15 part 7): the same job as the text, every bundle's report in
// replay --json's shape; no bundles is bad input (exit 2, one line).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Report } from '../../src/report';
import { testUnless } from '../helpers/skip';
import { runCli } from '../replay/cli-harness';

const ROOT = path.join(__dirname, '../../traces/bundles');
const bundles = fs.existsSync(ROOT) ? fs.readdirSync(ROOT).filter((d) => fs.existsSync(path.join(ROOT, d, 'manifest.json'))).sort() : [];

interface DemoJson { ok: boolean; realDevice: string; bundles: { bundle: string; modelVsDevice: string; report: Report }[] }

testUnless(bundles.length ? null : `no record bundles in ${ROOT}`,
  '--json carries what the text table shows, per bundle, and replay --json\'s report', async () => {
  const [text, json] = [await runCli(['demo', '--no-kernel', '--bundles', ROOT]),
    await runCli(['demo', '--no-kernel', '--bundles', ROOT, '--json'])];
  expect([text.code, json.code]).toEqual([0, 0]);
  const j = JSON.parse(json.stdout) as DemoJson;
  expect(j.ok).toBe(true);
  expect(j.realDevice).toBe('skipped: not asked for');
  expect(j.bundles.map((b) => b.bundle)).toEqual(bundles);
  for (const b of j.bundles) {
    const r = b.report;
    expect(b.modelVsDevice).toBe('skipped');
    const contents = r.input?.contents ? `${r.input.contents.mode}(: [^ ]+% [a-z]+(, [^ ]+% [a-z]+)*)?` : '-';
    expect(text.stdout).toMatch(new RegExp(`^  ${b.bundle} +${contents} +${r.events} +${r.bios} +${r.kernel.exact}/${r.kernel.samples} `, 'm'));
  }
  const one = await runCli(['replay', path.join(ROOT, bundles[0]), '--every', '100', '--json']);
  const replayed = JSON.parse(one.stdout) as Report;
  const first = j.bundles[0].report;
  const untimed = (r: Report): unknown => ({ ...r, latency: [], cdf: [], speed: null }); // timings vary between runs
  expect(untimed(first)).toEqual(untimed(replayed));
});

test('no bundles: one line on stderr, exit 2', async () => {
  const r = await runCli(['demo', '--json', '--bundles', path.join(__dirname, 'no-such-dir')]);
  expect(r).toEqual({ code: 2, stdout: '', stderr: `zram-ref demo: --bundles ${path.join(__dirname, 'no-such-dir')}: no record bundles (directories with a manifest.json)\n` });
});
