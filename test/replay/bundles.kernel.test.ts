// Every committed record bundle replayed on the model and on a private real device: outputs diff
// equal (kernel-gated; the model-only checks are in bundles.test.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Report } from '../../src/report';
import { describeKernel } from '../helpers/kernel';
import { describeUnless } from '../helpers/skip';
import { runCli } from './cli-harness';
import { BUNDLES, BUNDLES_ROOT, replayBundle, scratchDir } from './committed';

const tmp = scratchDir('zram-ref-bundles-');
const replay = (b: string, out: string, ...extra: string[]): Promise<Report> => replayBundle(tmp(), b, out, ...extra);

const NONE = BUNDLES.length ? null : 'no bundles in traces/bundles yet';

/** Swap bundles hold slot frees, which a real device cannot be made to do without swap. */
const isSwap = (b: string): boolean =>
  (JSON.parse(fs.readFileSync(path.join(BUNDLES_ROOT, b, 'manifest.json'), 'utf8')) as { swap?: unknown }).swap !== undefined;

const unsupported = (rep: Report): number =>
  rep.failures.events.filter((e) => e.event === 'unsupported').reduce((n, e) => n + e.count, 0);

describeKernel('committed record bundles: model and real device', () => describeUnless(NONE, 'each bundle', () => {
  for (const b of BUNDLES.length ? BUNDLES : ['-']) {
    const swap = b !== '-' && isSwap(b);
    const title = swap ? `${b}: the real device replays all but the slot frees, each named unsupported`
      : `${b}: outputs diff equal`;
    test(title, async () => {
      const model = await replay(b, `${b}.m2.jsonl`);
      const kernel = await replay(b, `${b}.k.jsonl`, '--target', 'new');
      const r = await runCli(['diff', path.join(tmp(), `${b}.m2.jsonl`), path.join(tmp(), `${b}.k.jsonl`)]);
      if (!swap) {
        expect(r.stdout).toMatch(/EQUAL/);
        expect(r.code).toBe(0);
        return;
      }
      // swap_slot_free_notify has no userspace call: every inferred free is reported, none is dropped
      expect(unsupported(model)).toBe(0);
      expect(unsupported(kernel)).toBe(model.input?.slotFrees?.inferred);
      expect(unsupported(kernel)).toBeGreaterThan(0);
      expect(r.stdout).not.toMatch(/EQUAL/);
    });
  }
}));
