// The explorer against the real kernel (root, zram-control): every 6.18-expressible shipped
// scenario run a bounded number of times on a private device; every outcome the kernel shows
// must be one claim predicts. The full runs (2,000 per scenario) are in docs/lifetime.md.
import * as fs from 'node:fs';
import { deviceGone } from '../../src/kernel/device';
import { exploreKernel } from '../../src/cli/explore-kernel';
import { parseScenario } from '../../src/explore';
import { checkAgainstKernel, planScenario, sysfsLifecycle, type KernelCheck } from '../../src/explore/kernel';
import type { Scenario } from '../../src/explore/scenario';
import { describeKernel } from '../helpers/kernel';
import { load, shipped } from './scenarios';

const RUNS: Record<string, number> = { 'open-vs-reset.scn': 150, 'four-openers.scn': 80 };
const SEED = 20261204;

async function check(sc: Scenario, planFrom: Scenario, runs: number): Promise<KernelCheck> {
  const p = planScenario(planFrom, true);
  if (!p.ok) throw new Error(p.reasons.join('\n'));
  const dev = sysfsLifecycle.create();
  const ck = await checkAgainstKernel(sc, p.plan, dev, { runs, seed: SEED, timeoutMs: 10_000, blkdiscard: 'blkdiscard',
    lifecycle: sysfsLifecycle });
  expect(deviceGone({ id: dev.id, ino: dev.ino })).toBe(true);
  return ck;
}

describeKernel('explore --kernel', () => {
  jest.setTimeout(120_000);

  test('the bounded runs cover every expressible shipped scenario', () => {
    expect(shipped().filter((f) => planScenario(load(f), true).ok).sort()).toEqual(Object.keys(RUNS).sort());
  });

  test.each(Object.entries(RUNS))(`%s, %d runs, seed ${SEED}: every observed outcome is predicted by claim`, async (file, runs) => {
    const ck = await check(load(file), load(file), runs);
    expect({ stopped: ck.stopped, cleanup: ck.cleanup, runs: ck.runs }).toEqual({ stopped: null, cleanup: null, runs });
    expect(ck.observed.filter((o) => !o.predicted).map((o) => o.text)).toEqual([]);
    expect(ck.observed.reduce((a, o) => a + o.count, 0)).toBe(runs);
    expect(ck.observed.length).toBeGreaterThanOrEqual(2); // the random offsets do give different orders
  });

  test('an outcome the model did not predict is reported with the run\'s step timings', async () => {
    // The kernel runs a scenario whose init wrote page 1, the explorer predicts one that wrote page 0.
    const predicted = parseScenario('init: disksize 1M; write 0\nthread A process: open; read 0; close\n', 'p.scn');
    const run = parseScenario('init: disksize 1M; write 1\nthread A process: open; read 0; close\n', 'r.scn');
    const ck = await check(predicted, run, 3);
    expect(ck.observed).toHaveLength(1);
    expect(ck.observed[0].predicted).toBe(false);
    expect(ck.observed[0].text).toMatch(/^A: open → ok; read 0 → ok \[0\]; close → ok$/m);
    expect(ck.observed[0].example.steps.map((s) => s.step)).toEqual(['A.open', 'A.read 0', 'A.close']);
  });

  test('the CLI: --json report, exit 0, the seed given back', async () => {
    let out = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await exploreKernel('open-vs-reset.scn', load('open-vs-reset.scn'), { kernel: '20', seed: '3', json: true });
      expect(code).toBe(0);
    } finally { jest.restoreAllMocks(); }
    const j = JSON.parse(out) as { seed: number; runs: number; predicted: number; observed: { count: number; predicted: boolean }[] };
    expect(j).toMatchObject({ seed: 3, runs: 20, predicted: 4 });
    expect(j.observed.every((o) => o.predicted)).toBe(true);
  });
});
