// Re-measures a sample of the page-size fixture on the live kernel: the stored sizes must
// still be what this kernel produces (a changed kernel or a broken fixture shows up here).
import { KernelZram } from '../../src/kernel/zram';
import { ORACLE_ALGORITHMS } from '../../tools/oracle/fixture-format';
import { measureAlgorithm } from '../../tools/oracle/measure';
import { describeKernel } from '../helpers/kernel';
import { loadPageSizeFixture } from '../helpers/page-size-fixture';

const STRIDE = 8; // every 8th page: ~300 pages per algorithm

describeKernel('page-size fixture against the live kernel', () => {
  let dev: KernelZram;
  beforeEach(async () => {
    dev = await KernelZram.create();
  });
  afterEach(async () => {
    await dev?.dispose();
  });

  it.each(ORACLE_ALGORITHMS.map((a) => [a.key, a] as const))('%s', async (_key, alg) => {
    const { pages, sizes, labels } = loadPageSizeFixture();
    const idx = pages.map((_, i) => i).filter((i) => i % STRIDE === 0);
    const measured = await measureAlgorithm(dev, alg, idx.map((i) => pages[i]));
    const diffs = idx.filter((i, k) => measured[k] !== sizes[alg.key as keyof typeof sizes][i])
      .map((i) => `${labels[i]}: fixture ${sizes[alg.key as keyof typeof sizes][i]}, kernel ${measured[idx.indexOf(i)]}`);
    expect(diffs).toEqual([]);
    expect(measured.length).toBe(idx.length);
  });
});
