// Kernel oracle (stored): our lz4 comp_len against the sizes the real Linux 6.18 zram gave every
// page of test/fixtures/page-sizes, at acceleration 1 and at algorithm_params level=8
// (huge <=> comp_len >= 3625, where the fixture only knows "huge").
import { lz4 } from '../../src/compress/lz4';
import { loadPageSizeFixture } from '../helpers/page-size-fixture';
import { HUGE_THRESHOLD } from './lz4-corpus';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lz4js = require('lz4js') as {
  decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
};

describe('lz4 comp_len == the kernel page-size fixture', () => {
  const { pages, sizes, labels } = loadPageSizeFixture();

  test.each([
    ['lz4', undefined],
    ['lz4-level8', 8],
  ] as const)('%s: every page', (key, level) => {
    const mismatches: string[] = [];
    let huge = 0;
    pages.forEach((page, i) => {
      const n = lz4.compressedLength(page, { level });
      const ours = n >= HUGE_THRESHOLD ? 'huge' : n;
      if (ours === 'huge') huge++;
      if (ours !== sizes[key][i]) mismatches.push(`${labels[i]}: ours ${n}, kernel ${sizes[key][i]}`);
    });
    console.log(`${key}: ${pages.length - mismatches.length}/${pages.length} fixture pages equal the kernel (${huge} huge)`);
    expect(pages.length).toBeGreaterThan(1000);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  test('every fixture page round-trips through our decoder and lz4js', () => {
    const dst = new Uint8Array(8192), ours = new Uint8Array(4096), theirs = new Uint8Array(4096);
    const bad: string[] = [];
    pages.forEach((page, i) => {
      const n = lz4.compress(page, dst, {});
      const block = dst.subarray(0, n);
      const ok = lz4.decompress(block, ours) === 4096 && Buffer.from(ours).equals(page)
        && lz4js.decompressBlock(block, theirs, 0, n, 0) === 4096 && Buffer.from(theirs).equals(page);
      if (!ok) bad.push(labels[i]);
    });
    expect(bad).toEqual([]);
  });
});
