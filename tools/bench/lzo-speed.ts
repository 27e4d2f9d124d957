// Micro-benchmark of the lzo and lzo-rle backends: µs per 4 KiB page for compress,
// compressedLength (the replay hot path) and decompress, over a seeded src/content mix
// (the same mix as the kernel page-size fixture). Not a test.
// Run: npx tsc -p tsconfig.build.json (or npm run build) && node dist/tools/bench/lzo-speed.js [rounds] [pages]
import { performance } from 'node:perf_hooks';
import { lzo, lzoRle } from '../../src/compress/lzo';
import { isSameFilled, mixedPage, parseMix } from '../../src/content';

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

/**
 * Medians over rounds of the per-page wall time and CPU time (user + system) of one pass. On a
 * shared, loaded machine the CPU time is the steadier figure.
 */
function time(name: string, pass: () => number): void {
  for (let i = 0; i < 3; i++) pass(); // warm up (JIT)
  const wall: number[] = [];
  const cpu: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    sink += pass();
    const c = process.cpuUsage(c0);
    wall.push(((performance.now() - t0) * 1000) / pages.length);
    cpu.push((c.user + c.system) / pages.length);
  }
  const med = (t: number[]) => t.sort((a, b) => a - b)[t.length >> 1].toFixed(2);
  console.log(`${name.padEnd(26)} wall ${med(wall).padStart(6)} µs/page  cpu ${med(cpu).padStart(6)} µs/page  (${sink})`);
}

console.log(`${pages.length} pages, ${rounds} rounds`);
for (const comp of [lzo, lzoRle]) {
  const blocks = pages.map((p) => dst.slice(0, comp.compress(p, dst, {})));
  time(`${comp.name} compress`, () => pages.reduce((s, p) => s + comp.compress(p, dst, {}), 0));
  time(`${comp.name} compressedLength`, () => pages.reduce((s, p) => s + comp.compressedLength(p, {}), 0));
  time(`${comp.name} decompress`, () => blocks.reduce((s, b) => s + comp.decompress(b, out), 0));
}
