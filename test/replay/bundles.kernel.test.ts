// Every committed record bundle replayed on the model and on a private real device: outputs diff
// equal (kernel-gated; the model-only checks are in bundles.test.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Report } from '../../src/report';
import { describeKernel } from '../helpers/kernel';
import { describeUnless, testUnless } from '../helpers/skip';
import { runCli } from './cli-harness';
import { BUNDLES, BUNDLES_ROOT, replayBundle, scratchDir } from './committed';

const tmp = scratchDir('zram-ref-bundles-');
const replay = (b: string, out: string, ...extra: string[]): Promise<Report> => replayBundle(tmp(), b, out, ...extra);

const NONE = BUNDLES.length ? null : 'no bundles in traces/bundles yet';

/** Swap bundles hold slot frees, which a real device cannot be made to do without swap. */
const unreplayable = (b: string): string | null =>
  (JSON.parse(fs.readFileSync(path.join(BUNDLES_ROOT, b, 'manifest.json'), 'utf8')) as { swap?: unknown }).swap
    ? 'swap slot frees cannot be replayed on a real device (swap_slot_free_notify has no userspace call)' : null;

describeKernel('committed record bundles: model and real device', () => describeUnless(NONE, 'each bundle', () => {
  for (const b of BUNDLES.length ? BUNDLES : ['-']) {
    testUnless(b === '-' ? null : unreplayable(b), `${b}: outputs diff equal`, async () => {
      await replay(b, `${b}.m2.jsonl`);
      await replay(b, `${b}.k.jsonl`, '--target', 'new');
      const r = await runCli(['diff', path.join(tmp(), `${b}.m2.jsonl`), path.join(tmp(), `${b}.k.jsonl`)]);
      expect(r.stdout).toMatch(/EQUAL/);
      expect(r.code).toBe(0);
    });
  }
}));
