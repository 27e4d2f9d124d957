import { isSameFilled } from '../../src/content';
import { loadPageSizeFixture } from '../helpers/page-size-fixture';

describe('kernel page-size fixture', () => {
  const { pages, sizes, labels, fixture } = loadPageSizeFixture();

  it('regenerates at least 2,400 hash-checked pages, none same-filled', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2400);
    expect(pages.filter(isSameFilled)).toHaveLength(0);
    expect(labels.filter((l) => l.includes('node_modules/')).length).toBeGreaterThan(100);
  });

  it('has one kernel size per page and algorithm, each a non-huge length or "huge"', () => {
    for (const alg of ['lz4', 'lz4-level8', 'lzo', 'lzo-rle'] as const) {
      expect(sizes[alg]).toHaveLength(pages.length);
      for (const s of sizes[alg]) expect(s === 'huge' || (Number.isInteger(s) && s > 0 && s < 3625)).toBe(true);
    }
  });

  it('agrees with facts of the spec: random pages are huge, lz4 level=8 compresses worse in total', () => {
    const bytes = (s: number | 'huge') => (s === 'huge' ? 4096 : s);
    fixture.pages.forEach((p, i) => {
      if ('kind' in p && p.kind === 'random') expect([p.index, sizes.lz4[i]]).toEqual([p.index, 'huge']);
    });
    const total = (alg: 'lz4' | 'lz4-level8') => sizes[alg].reduce<number>((t, s) => t + bytes(s), 0);
    expect(total('lz4-level8')).toBeGreaterThan(total('lz4'));
  });
});
