// Kernel oracle (live): lzo / lzo-rle comp_len of our own corpus (every zero-run length 1..2100,
// which stresses lzo-rle's run rules) against a private Linux 6.18 zram device, page by page:
// the compr_data_size delta of one O_DIRECT write into a fresh slot.
import { lzo, lzoRle } from '../../src/compress/lzo';
import { describeKernel } from '../helpers/kernel';
import { measureZramSizes } from '../helpers/zram-sizes';
import { lzoCorpus } from './lzo-corpus';

const SEED = 0x2a11;
const PAGE = 4096;
const HUGE_CLASS_SIZE = 3625;
function sameFilled(p: Uint8Array): boolean {
  for (let i = 8; i < PAGE; i++) if (p[i] !== p[i - 8]) return false;
  return true;
}

describeKernel(`lzo / lzo-rle comp_len == Linux zram on a private device (seed ${SEED})`, () => {
  // zram never compresses same-filled pages, so they tell nothing about the compressor
  const corpus = lzoCorpus(SEED).filter((c) => !sameFilled(c.page));
  test.each([
    ['lzo-rle', lzoRle],
    ['lzo', lzo],
  ] as const)('%s: every page (huge <=> length >= 3625)', (algorithm, comp) => {
    const lines = measureZramSizes({ algorithm, readBack: true }, corpus.map((c) => c.page));
    expect(lines).toHaveLength(corpus.length);
    const mismatches: string[] = [];
    let huge = 0;
    corpus.forEach((c, i) => {
      const n = comp.compressedLength(c.page, {});
      const isHuge = n >= HUGE_CLASS_SIZE;
      if (isHuge) huge++;
      const expected = `${isHuge ? PAGE : n} ${isHuge ? 1 : 0}`;
      if (lines[i] !== expected) mismatches.push(`${c.name}: ours ${n}, kernel ${lines[i]}`);
    });
    console.log(`${algorithm}: ${corpus.length - mismatches.length}/${corpus.length} pages equal the kernel (${huge} huge)`);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
