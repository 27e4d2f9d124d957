// Micro-benchmark of the lz4 backend: µs per 4 KiB page for compress, compressedLength (the
// replay hot path) and decompress, over a seeded src/content mix (the one lzo-speed uses, so
// the figures compare). Not a test.
// Run: npx tsc -p tsconfig.build.json (or npm run build) && node dist/tools/bench/lz4-speed.js [rounds] [pages]
import { performance } from 'node:perf_hooks';
import { lz4 } from '../../src/compress/lz4';
import { isSameFilled, mixedPage, parseMix } from '../../src/content';

// lz4js (not kernel-exact) as a yardstick; its caller must clear the 64 Ki-entry table per page.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lz4js = require('lz4js') as {
  compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, table: Uint32Array): number;
};
const lz4jsTable = new Uint32Array(65536);

const rounds = Number(process.argv[2] ?? 30);
const count = Number(process.argv[3] ?? 2000);
const mix = parseMix('text:0.3,binary:0.2,zeros:0.14,random:0.08,borderline:0.18,ramp:0.1');
const pages: Uint8Array[] = [];
for (let i = 0; pages.length < count; i++) {
  const { page } = mixedPage(mix, 20261129, i);
  if (!isSameFilled(page)) pages.push(page); // zram never compresses these
}
const dst = new Uint8Array(8192);
const out = new Uint8Array(4096);
const blocks = pages.map((p) => dst.slice(0, lz4.compress(p, dst, {})));

/**
 * Median over rounds of the per-page wall time of one pass over the pages, and the CPU time per
 * page over all rounds (steadier than wall time on a shared machine).
 */
function time(name: string, pass: () => number, rounds: number): void {
  for (let i = 0; i < 3; i++) pass(); // warm up (JIT)
  const t: number[] = [];
  let sink = 0;
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    sink += pass();
    t.push(((performance.now() - t0) * 1000) / pages.length);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuPerPage = (cpu.user + cpu.system) / rounds / pages.length;
  t.sort((a, b) => a - b);
  console.log(`${name.padEnd(26)} wall median ${t[t.length >> 1].toFixed(2)} µs/page (min ${t[0].toFixed(2)})  ` +
    `cpu ${cpuPerPage.toFixed(2)} µs/page  [${sink}]`);
}

console.log(`${pages.length} pages, ${rounds} rounds`);
for (const level of [1, 8]) {
  time(`compress level=${level}`, () => pages.reduce((s, p) => s + lz4.compress(p, dst, { level }), 0), rounds);
  time(`compressedLength level=${level}`, () => pages.reduce((s, p) => s + lz4.compressedLength(p, { level }), 0), rounds);
}
time('lz4js compressBlock', () => pages.reduce((s, p) => s + (lz4jsTable.fill(0), lz4js.compressBlock(p, dst, 0, p.length, lz4jsTable)), 0), rounds);
time('decompress', () => blocks.reduce((s, b) => s + lz4.decompress(b, out), 0), rounds);
