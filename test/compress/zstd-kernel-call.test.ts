// The zstd tier's byte check: our backend (libzstd 1.5.7 WebAssembly, ZSTD_compress(level)) gives
// the same bytes as the kernel's call sequence (zstd_get_params(level, 4096) + zstd_cctx_init +
// ZSTD_compress2) run by a native libzstd 1.5.7 build, on every corpus page at levels -5..22.
// Needs the native helper: build it with tools/zstd-kernel-call/build.sh and set
// ZSTD_KERNEL_CALL=/path/to/binary; skipped (not passed) without it.
import { execFileSync } from 'node:child_process';
import { loadBackends } from '../../src/compress/registry';
import { zstd } from '../../src/compress/zstd';
import { testUnless } from '../helpers/skip';
import { makeCorpus } from './lz4-corpus';

const BIN = process.env.ZSTD_KERNEL_CALL;
const LEVELS = [-5, -1, 0, 1, 2, 3, 4, 6, 9, 12, 16, 19, 22];

beforeAll(loadBackends);

testUnless(BIN ? null : 'ZSTD_KERNEL_CALL is not set (build tools/zstd-kernel-call)',
  'ZSTD_compress(level) == the kernel call sequence, byte for byte, on every corpus page and level', () => {
  const pages = makeCorpus(3, 1).map((p) => p.data);
  const out = execFileSync(BIN!, LEVELS.map(String), { input: Buffer.concat(pages), maxBuffer: 1 << 28 }).toString();
  const lines = out.trim().split('\n');
  expect(lines.length).toBe(pages.length * LEVELS.length);
  const dst = new Uint8Array(8192);
  let differing = 0;
  lines.forEach((line, k) => {
    const [level, len, hex] = line.split(' ');
    const page = pages[Math.floor(k / LEVELS.length)];
    const n = zstd.compress(page, dst, { level: Number(level) });
    if (n !== Number(len) || Buffer.from(dst.subarray(0, n)).toString('hex') !== hex) differing++;
  });
  expect(differing).toBe(0);
});
