// Every committed record bundle (traces/bundles/*) replays on the model; those with exact
// contents give 0 differing fields at every kernel sample, and (kernel-gated) the model's and a
// private real device's outputs diff equal. Captured ones (issue 11) need >= 95% of the samples
// exact and orig/compr_data_size within 1% at every sample. Bundles with approximate contents
// are replayed and their deviation is reported, not asserted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Report } from '../../src/report';
import { describeUnless } from '../helpers/skip';
import { BUNDLES, BUNDLES_ROOT as ROOT, bundleMode, capturedShortfalls, replayBundle, scratchDir } from './committed';

const exact = (b: string): boolean => bundleMode(b) === 'exact';

const tmp = scratchDir('zram-ref-bundles-');
const replay = (b: string, out: string, ...extra: string[]): Promise<Report> => replayBundle(tmp(), b, out, ...extra);

const NONE = BUNDLES.length ? null : 'no bundles in traces/bundles yet';

describeUnless(NONE, 'committed record bundles on the model', () => {
  test.each(BUNDLES.length ? BUNDLES : ['-'])('%s', async (b) => {
    const rep = await replay(b, `${b}.m.jsonl`);
    expect(rep.kernel.samples).toBeGreaterThan(0);
    if (exact(b)) {
      const differing = rep.kernel.fields.filter((f) => f.mismatches > 0);
      expect(differing).toEqual([]);
      expect(rep.kernel.exact).toBe(rep.kernel.samples);
    } else if (bundleMode(b) === 'captured') {
      expect(capturedShortfalls(rep)).toEqual([]); // >= 95% samples exact, orig/compr within 1% everywhere
    } else {
      process.stderr.write(`${b} (approximate contents): ${rep.kernel.exact}/${rep.kernel.samples} samples exact\n`);
    }
  });
});
