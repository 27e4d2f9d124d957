// Kernel oracle: our lz4 comp_len against the real Linux 6.18 zram (comp_algorithm=lz4),
// measured page by page on a private device as the compr_data_size delta of one O_DIRECT write.
import { lz4 } from '../../src/compress/lz4';
import { isSameFilled, mixedPage, parseMix } from '../../src/content';
import { CorpusPage, HUGE_THRESHOLD, PAGE, makeCorpus } from './lz4-corpus';
import { describeKernel } from '../helpers/kernel';
import { measureZramSizes } from '../helpers/zram-sizes';
import { filePagesOf } from './lz4-oracle-util';

/** Our seeded corpus, a src/content mix, and real binary/text file pages (where present). */
function kernelCorpus(): CorpusPage[] {
  const pages = makeCorpus(7, 2);
  const mix = parseMix('text:0.3,binary:0.2,zeros:0.14,random:0.08,borderline:0.18,ramp:0.1');
  for (let i = 0; i < 300; i++) {
    const { kind, page } = mixedPage(mix, 4242, i);
    pages.push({ kind: `content:${kind}`, data: page });
  }
  for (const file of ['/usr/bin/node', '/usr/share/common-licenses/GPL-3', '/usr/include/stdlib.h']) {
    for (const data of filePagesOf(file, 150)) pages.push({ kind: `file:${file}`, data });
  }
  return pages.filter((p) => !isSameFilled(p.data)); // zram stores these without compressing
}
/** One private device per run (removed whatever happens). */
function measureOnKernel(pages: Uint8Array[], level: number | undefined): string[] {
  return measureZramSizes({ algorithm: 'lz4', params: level === undefined ? undefined : `level=${level}` }, pages);
}

describeKernel('lz4 comp_len == Linux 6.18 zram lz4 (private device)', () => {
  const corpus = kernelCorpus();

  test.each([[undefined], [3], [8]])('level=%s: every page (huge <=> length >= 3625)', (level) => {
    const lines = measureOnKernel(corpus.map((p) => p.data), level);
    expect(lines).toHaveLength(corpus.length);
    const mismatches: string[] = [];
    let exact = 0, huge = 0;
    corpus.forEach((p, i) => {
      const ours = lz4.compressedLength(p.data, { level });
      const [compr, hugeDelta] = lines[i].split(' ').map(Number);
      const oursHuge = ours >= HUGE_THRESHOLD;
      const expected = oursHuge ? PAGE : ours;
      if (compr === expected && hugeDelta === (oursHuge ? 1 : 0)) exact++;
      else mismatches.push(`page ${i} (${p.kind}): ours ${ours}, kernel +${compr} huge+${hugeDelta}`);
      if (oursHuge) huge++;
    });
    console.log(`lz4 level=${level ?? 'default'}: ${exact}/${corpus.length} pages equal the kernel (${huge} huge)`);
    expect(mismatches).toEqual([]);
  });
});

describeKernel('lz4 comp_len == kernel at edge levels (below 1, large, and ones whose acceleration << 6 wraps)', () => {
  const corpus = makeCorpus(5, 0.3).filter((p) => p.kind !== 'random');

  test.each([[0], [-5], [2], [1000], [65536], [33554432], [67108864], [2147483647]])('level=%i', (level) => {
    const lines = measureOnKernel(corpus.map((p) => p.data), level);
    const ours = corpus.map((p) => lz4.compressedLength(p.data, { level }));
    expect(lines.map((l) => Number(l.split(' ')[0]))).toEqual(ours.map((n) => (n >= HUGE_THRESHOLD ? PAGE : n)));
  });
});
