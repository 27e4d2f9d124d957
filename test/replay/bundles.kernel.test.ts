// Every committed record bundle replayed on the model and on a private real device: outputs diff
// equal (kernel-gated; the model-only checks are in bundles.test.ts).
import * as path from 'node:path';
import type { Report } from '../../src/report';
import { describeKernel } from '../helpers/kernel';
import { describeUnless } from '../helpers/skip';
import { runCli } from './cli-harness';
import { BUNDLES, replayBundle, scratchDir } from './committed';

const tmp = scratchDir('zram-ref-bundles-');
const replay = (b: string, out: string, ...extra: string[]): Promise<Report> => replayBundle(tmp(), b, out, ...extra);

const NONE = BUNDLES.length ? null : 'no bundles in traces/bundles yet';

describeKernel('committed record bundles: model and real device', () => describeUnless(NONE, 'each bundle', () => {
  test.each(BUNDLES.length ? BUNDLES : ['-'])('%s: outputs diff equal', async (b) => {
    await replay(b, `${b}.m2.jsonl`);
    await replay(b, `${b}.k.jsonl`, '--target', 'new');
    const r = await runCli(['diff', path.join(tmp(), `${b}.m2.jsonl`), path.join(tmp(), `${b}.k.jsonl`)]);
    expect(r.stdout).toMatch(/EQUAL/);
    expect(r.code).toBe(0);
  });
}));
