// Folds that read the log themselves still share compressed lengths: the second configuration
// of one algorithm and params finds every length the first one stored, under the log's own
// content keys, and its report is the one it gets with a memo of its own.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { foldConfig } from '../../src/compare/fold-config';
import type { FoldJob } from '../../src/compare/job';
import { memoBufferFor } from '../../src/compare/memo-sizing';
import { openInput } from '../../src/replay/input';
import { parseCompareConfig } from '../../src/replay/compare-config';
import { BUNDLES, BUNDLES_ROOT, scratchDir } from '../replay/committed';

const dir = scratchDir('zram-ref-compare-memo-');
let cacheBefore: string | undefined;
beforeAll(() => { cacheBefore = process.env.ZRAM_REF_CACHE; process.env.ZRAM_REF_CACHE = path.join(dir(), 'cache'); });
afterAll(() => {
  if (cacheBefore === undefined) delete process.env.ZRAM_REF_CACHE;
  else process.env.ZRAM_REF_CACHE = cacheBefore;
});

test('the second fold of one algorithm and params takes every length from the memo', async () => {
  const bundle = BUNDLES.includes('seqwrite') ? 'seqwrite' : BUNDLES[0];
  const input = await openInput(path.join(BUNDLES_ROOT, bundle), 'exact');
  try {
    const store = input.store!;
    const configs = ['alg=lz4', 'alg=lz4,mem_limit=2M'].map(parseCompareConfig);
    const log = { path: input.logPath!, name: input.name, digest: input.digest, header: store.header,
      events: store.version, warnings: [], losses: input.losses?.() ?? null };
    const job = (i: number, memo: SharedArrayBuffer): FoldJob => ({ index: i, config: configs[i],
      kernelConfig: 'default', variant: 'claim', content: 'exact', every: 100, log, memo });
    const size = fs.statSync(log.path).size;
    const shared = memoBufferFor(size, store.header.pageSize, configs);
    const first = await foldConfig(job(0, shared), store);
    const second = await foldConfig(job(1, shared), store);
    const alone = await foldConfig(job(1, memoBufferFor(size, store.header.pageSize, configs)), store);
    expect(second.cost.pages).toBeGreaterThan(0);
    expect(first.hits).toBeLessThan(first.cost.pages);
    expect(second.hits).toBe(second.cost.pages);
    expect(alone.hits).toBeLessThan(alone.cost.pages);
    expect(second.report.final).not.toBeNull();
    expect(second.report.final).toEqual(alone.report.final);
    expect(second.report.compression).toEqual(alone.report.compression);
  } finally {
    input.close();
  }
});
