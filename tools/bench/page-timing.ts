// Shared by the compressor micro-benchmarks: the seeded page set (the kernel page-size fixture's
// mix) and a timer reporting medians of wall and CPU time per page (CPU is the steadier figure
// on a shared, loaded machine).
import { performance } from 'node:perf_hooks';
import { isSameFilled, mixedPage, parseMix } from '../../src/content';

export function benchPages(count: number): Uint8Array[] {
  const mix = parseMix('text:0.3,binary:0.2,zeros:0.14,random:0.08,borderline:0.18,ramp:0.1');
  const pages: Uint8Array[] = [];
  for (let i = 0; pages.length < count; i++) {
    const { page } = mixedPage(mix, 20261129, i);
    if (!isSameFilled(page)) pages.push(page); // zram never compresses these
  }
  return pages;
}

/** Times `pass` (one pass over `pages`, returning a checksum so it cannot be optimised away). */
export function timePass(name: string, pages: number, rounds: number, pass: () => number): void {
  for (let i = 0; i < 3; i++) pass(); // warm up (JIT)
  const wall: number[] = [];
  const cpu: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    sink += pass();
    const c = process.cpuUsage(c0);
    wall.push(((performance.now() - t0) * 1000) / pages);
    cpu.push((c.user + c.system) / pages);
  }
  const med = (t: number[]) => t.sort((a, b) => a - b)[t.length >> 1].toFixed(2);
  console.log(`${name.padEnd(28)} wall ${med(wall).padStart(6)} µs/page  cpu ${med(cpu).padStart(6)} µs/page  (${sink})`);
}
