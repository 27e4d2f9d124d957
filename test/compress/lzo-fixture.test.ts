// Kernel oracle (stored): our lzo / lzo-rle comp_len against the sizes the real Linux 6.18 zram
// gave every page of test/fixtures/page-sizes (huge <=> comp_len >= 3625).
import { lzo, lzoRle } from '../../src/compress/lzo';
import { loadPageSizeFixture } from '../helpers/page-size-fixture';

const HUGE_CLASS_SIZE = 3625; // zram-6.18.md §1: comp_len at or above this is stored raw

describe('lzo / lzo-rle comp_len == the kernel page-size fixture', () => {
  const { pages, sizes, labels } = loadPageSizeFixture();

  test.each([
    ['lzo', lzo],
    ['lzo-rle', lzoRle],
  ] as const)('%s: every page (and it round-trips)', (key, comp) => {
    const mismatches: string[] = [];
    let huge = 0;
    const dst = new Uint8Array(8192);
    const back = new Uint8Array(4096);
    pages.forEach((page, i) => {
      const n = comp.compressedLength(page, {});
      const ok = comp.compress(page, dst, {}) === n && comp.decompress(dst.subarray(0, n), back) === 4096 &&
        Buffer.from(back).equals(Buffer.from(page));
      if (!ok) mismatches.push(`${labels[i]}: does not round-trip`);
      const ours = n >= HUGE_CLASS_SIZE ? 'huge' : n;
      if (ours === 'huge') huge++;
      if (ours !== sizes[key][i]) mismatches.push(`${labels[i]}: ours ${n}, kernel ${sizes[key][i]}`);
    });
    console.log(`${key}: ${pages.length - mismatches.length}/${pages.length} fixture pages equal the kernel (${huge} huge)`);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
