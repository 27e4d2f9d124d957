// zstd: the library is libzstd 1.5.7 (the kernel's lib/zstd version); every corpus page at
// levels -5, 1, 3 (default), 9, 19 decodes through fzstd (an independent JavaScript decoder)
// and our own decompress; the frame is the one zstd_get_params(level, 4096) asks for: content
// size present, no checksum, no dictionary ID, single segment.
import { decompress as fzstd } from 'fzstd';
import { loadBackends } from '../../src/compress/registry';
import { ZSTD_CLEVEL_DEFAULT, loadZstd, zstd } from '../../src/compress/zstd';
import { makeCorpus } from './lz4-corpus';

const corpus = makeCorpus(1, 1).slice(0, 150);
const dst = new Uint8Array(8192);

beforeAll(loadBackends);

describe('zstd backend (libzstd 1.5.7)', () => {
  test('the library is the kernel\'s version, 1.5.7 (Linux 6.15 imported 1.5.7; this kernel exports '
    + 'ZSTD_compressSequencesAndLiterals, new in 1.5.7)', async () => {
    expect(await loadZstd()).toBe('1.5.7');
  });

  test.each([[-5], [1], [3], [9], [19]])('level %i: every page decodes through fzstd and our decompress', (level) => {
    for (const { data } of corpus) {
      const n = zstd.compress(data, dst, { level });
      expect(n).toBeGreaterThan(0);
      expect(zstd.compressedLength(data, { level })).toBe(n);
      expect(Buffer.from(fzstd(dst.slice(0, n))).equals(Buffer.from(data))).toBe(true);
      const ours = new Uint8Array(4096);
      expect(zstd.decompress(dst.subarray(0, n), ours)).toBe(4096);
      expect(Buffer.from(ours).equals(Buffer.from(data))).toBe(true);
    }
  });

  test('frame header: magic, single segment, 2-byte content size 4096, no checksum, no dict ID', () => {
    const n = zstd.compress(corpus[0].data, dst, {});
    expect(Buffer.from(dst).readUInt32LE(0)).toBe(0xfd2fb528);
    const fhd = dst[4];
    expect(fhd >> 6).toBe(1);          // Frame_Content_Size_flag: 2 bytes
    expect((fhd >> 5) & 1).toBe(1);    // Single_Segment_flag (window = content size)
    expect((fhd >> 2) & 1).toBe(0);    // Content_Checksum_flag off (checksumFlag 0)
    expect(fhd & 3).toBe(0);           // no Dictionary_ID
    expect(Buffer.from(dst).readUInt16LE(5) + 256).toBe(4096);
    expect(n).toBeGreaterThan(6);
  });

  test('an unset level is ZSTD_CLEVEL_DEFAULT (3), like zstd_default_clevel()', () => {
    for (const { data } of corpus.slice(0, 30)) {
      expect(zstd.compressedLength(data, {})).toBe(zstd.compressedLength(data, { level: ZSTD_CLEVEL_DEFAULT }));
    }
  });

  test('corrupt input decompresses to -1, never throws', () => {
    const n = zstd.compress(corpus[1].data, dst, {});
    const bad = dst.slice(0, n);
    bad[n >> 1] ^= 0xff;
    bad[n - 2] ^= 0x55;
    const out = new Uint8Array(4096);
    const r = zstd.decompress(bad.subarray(0, n - 3), out);
    expect(r === -1 || r !== 4096 || !Buffer.from(out).equals(Buffer.from(corpus[1].data))).toBe(true);
  });
});
