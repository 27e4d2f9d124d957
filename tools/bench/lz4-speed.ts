// Micro-benchmark of the lz4 backend: µs per 4 KiB page for compress, compressedLength (the
// replay hot path) and decompress, with the TypeScript reference coder (what the WebAssembly one
// replaced), lz4js and native liblz4 (Debian's, through native-compress.py, same pages, same run) as
// yardsticks. Not a test.
// Run: npm run build && node dist/tools/bench/lz4-speed.js [rounds] [pages]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lz4, lz4Reference } from '../../src/compress/lz4';
import { benchPages, timePass } from './page-timing';

// lz4js (not kernel-exact) as a yardstick; its caller must clear the 64 Ki-entry table per page.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lz4js = require('lz4js') as {
  compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, table: Uint32Array): number;
};
const lz4jsTable = new Uint32Array(65536);

const rounds = Number(process.argv[2] ?? 30);
const pages = benchPages(Number(process.argv[3] ?? 2000));
const dst = new Uint8Array(8192);
const out = new Uint8Array(4096);
const blocks = pages.map((p) => dst.slice(0, lz4.compress(p, dst, {})));
const time = (name: string, pass: () => number) => timePass(name, pages.length, rounds, pass);

console.log(`${pages.length} pages, ${rounds} rounds`);
for (const level of [1, 8]) {
  time(`compress level=${level}`, () => pages.reduce((s, p) => s + lz4.compress(p, dst, { level }), 0));
  time(`compressedLength level=${level}`, () => pages.reduce((s, p) => s + lz4.compressedLength(p, { level }), 0));
  const ref = () => pages.reduce((s, p) => s + lz4Reference.compress(p, dst, { level }), 0);
  time(`TS reference compress l=${level}`, ref);
}
time('lz4js compressBlock', () => pages.reduce((s, p) => s + (lz4jsTable.fill(0), lz4js.compressBlock(p, dst, 0, p.length, lz4jsTable)), 0));
time('decompress', () => blocks.reduce((s, b) => s + lz4.decompress(b, out), 0));
time('TS reference decompress', () => blocks.reduce((s, b) => s + lz4Reference.decompress(b, out), 0));
native();

/** liblz4's LZ4_compress_fast (acceleration 1) over the same pages, the ctypes call overhead
 * subtracted; the best of 5 runs (the machine is shared). */
function native(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz4-speed-'));
  try {
    const file = path.join(dir, 'pages.bin');
    fs.writeFileSync(file, Buffer.concat(pages));
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const script = path.join(__dirname, '../../../tools/bench/native-compress.py');
      const r = spawnSync('python3', [script, file], { encoding: 'utf8' });
      if (r.status !== 0) { console.log(`native liblz4: unavailable (${r.stderr.trim().split('\n').pop()})`); return; }
      const [n, secs, overhead] = r.stdout.trim().split(' ').map(Number);
      best = Math.min(best, ((secs - overhead) / n) * 1e6);
    }
    console.log(`${'native liblz4 compress l=1'.padEnd(28)} wall ${best.toFixed(2).padStart(6)} µs/page (best of 5)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
