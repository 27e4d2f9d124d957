// Oracle: Debian liblzo2's lzo1x_1_15_compress is byte-identical to the kernel's lzo1x_1_compress
// (compression.md §3.2), and its lzo1x_decompress_safe must accept our v0 streams.
import { lzo } from '../../src/compress/lzo';
import { lzoGenericCompress } from '../../src/compress/lzo/compress-core';
import { lzo1xWorstCompress } from '../../src/compress/lzo/constants';
import { lzo1xDecompressSafe } from '../../src/compress/lzo/decompress';
import { loadPageSizeFixture } from '../helpers/page-size-fixture';
import { describeUnless } from '../helpers/skip';
import { lzoCorpus, rng } from './lzo-corpus';
import { liblzoCompress, liblzoDecompress, oracleUnavailable } from './lzo-oracle-helper';

const SEED = 0x5eed0001;
const why = oracleUnavailable();

function ours(input: Uint8Array): Buffer {
  const dst = new Uint8Array(lzo1xWorstCompress(input.length));
  return Buffer.from(dst.subarray(0, lzoGenericCompress(input, dst, 0)));
}

/** Inputs beyond one page: several chunks, M4 matches (distance > 16 KiB), long M3/M4 counts. */
function largeInputs(): Uint8Array[] {
  const r = rng(SEED + 1);
  const sizes = [0, 1, 3, 19, 20, 21, 24, 25, 100, 8192, 20000, 49151, 49152, 49153, 70000, 131072];
  return sizes.map((n, k) => {
    const b = new Uint8Array(n);
    const block = new Uint8Array(700);
    for (let i = 0; i < block.length; i++) block[i] = Math.floor(r() * 256);
    for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
    // repeat one random block at distances 16..48 KiB so M4 matches appear
    for (let at = 0; at + block.length <= n; at += 17000 + 1000 * k) b.set(block, at);
    for (let at = 5000; at + 300 <= n; at += 30000) b.fill(k, at, at + 300);
    return b;
  });
}

describeUnless(why, `liblzo2 lzo1x_1_15_compress oracle (seed ${SEED})`, () => {
  const corpus = lzoCorpus(SEED);

  test('lzo output is byte-identical on every corpus page', () => {
    const theirs = liblzoCompress(corpus.map((c) => c.page));
    const differing = corpus.filter((c, i) => !ours(c.page).equals(theirs[i])).map((c) => c.name);
    console.log(`lzo vs liblzo2 lzo1x_1_15_compress: ${corpus.length - differing.length}/${corpus.length} pages byte-identical`);
    expect(differing.slice(0, 10)).toEqual([]);
  });

  test('lzo output is byte-identical on the page-size fixture pages (generated + real binaries)', () => {
    const { pages, labels } = loadPageSizeFixture();
    const theirs = liblzoCompress(pages);
    const differing = labels.filter((_, i) => !ours(pages[i]).equals(theirs[i]));
    console.log(`lzo vs liblzo2 on fixture pages: ${pages.length - differing.length}/${pages.length} byte-identical`);
    expect(differing.slice(0, 10)).toEqual([]);
  });

  test('lzo output is byte-identical on inputs of 0..128 KiB (chunking, M4)', () => {
    const inputs = largeInputs();
    const theirs = liblzoCompress(inputs);
    const lens = inputs.map((b, i) => `${b.length}:${ours(b).equals(theirs[i]) ? 'same' : 'DIFF'}`);
    expect(lens.filter((s) => s.endsWith('DIFF'))).toEqual([]);
  });

  test('liblzo2 lzo1x_decompress_safe decodes our lzo streams to the original pages', () => {
    const dst = new Uint8Array(8192);
    const streams = corpus.map((c) => dst.slice(0, lzo.compress(c.page, dst, {})));
    const decoded = liblzoDecompress(streams);
    const bad = corpus.filter((c, i) => decoded[i].rc !== 0 || !decoded[i].out.equals(Buffer.from(c.page)));
    console.log(`liblzo2 decoded ${corpus.length - bad.length}/${corpus.length} lzo streams correctly`);
    expect(bad.map((c) => c.name).slice(0, 10)).toEqual([]);
  });

  test('our decoder agrees with liblzo2 lzo1x_decompress_safe on mutated, truncated and spliced v0 streams', () => {
    const r = rng(SEED + 4);
    const dst = new Uint8Array(8192);
    const streams: Uint8Array[] = [];
    for (let i = 0; i < 3000; i++) {
      const c = corpus[Math.floor(r() * corpus.length)];
      const s = dst.slice(0, lzo.compress(c.page, dst, {}));
      const edits = Math.floor(r() * 4);
      for (let e = 0; e < edits; e++) s[Math.floor(r() * s.length)] = Math.floor(r() * 256);
      const cut = r() < 0.3 ? Math.floor(r() * s.length) : s.length;
      if (s[0] !== 0x11) streams.push(s.subarray(0, cut)); // a leading 17 means v1 to the kernel only
    }
    for (let i = 0; i < 1000; i++) { // splices: the head of one stream, the tail of another
      const a = dst.slice(0, lzo.compress(corpus[Math.floor(r() * corpus.length)].page, dst, {}));
      const b = dst.slice(0, lzo.compress(corpus[Math.floor(r() * corpus.length)].page, dst, {}));
      const s = Buffer.concat([a.subarray(0, Math.floor(r() * a.length)), b.subarray(Math.floor(r() * b.length))]);
      if (s[0] !== 0x11) streams.push(s);
    }
    const theirs = liblzoDecompress(streams);
    const out = new Uint8Array(65536);
    const differ = streams.filter((s, i) => {
      const n = lzo1xDecompressSafe(s, out);
      const ok = theirs[i].rc === 0;
      return ok !== (n >= 0) || (ok && !theirs[i].out.equals(Buffer.from(out.subarray(0, n))));
    });
    const accepted = theirs.filter((t) => t.rc === 0).length;
    console.log(`decoder vs liblzo2 on ${streams.length} damaged streams: ${streams.length - differ.length} agree ` +
      `(${accepted} accepted by liblzo2)`);
    expect(differ.length).toBe(0);
  });
});
