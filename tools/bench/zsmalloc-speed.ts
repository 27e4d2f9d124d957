// Speed sanity check for the zsmalloc model (not a test: timings depend on the machine).
// 262,144 objects = a 1 GiB zram device full of compressed pages. Sizes come from a fixed
// LCG so every run does the same work. Run: npm run build && node dist/tools/bench/zsmalloc-speed.js
import { performance } from 'node:perf_hooks';
import { createZsPool } from '../../src/zsmalloc/pool';
import type { Handle } from '../../src/units';

const N = 262_144;

function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x / 2 ** 32; };
}

/** zram-like request sizes: mostly 1-3 KiB compressed pages, some tiny, some huge (4096). */
function sizes(n: number, seed: number): Int32Array {
  const rnd = lcg(seed);
  return Int32Array.from({ length: n }, () => {
    const r = rnd();
    if (r < 0.1) return 1 + Math.floor(rnd() * 200);
    if (r < 0.9) return 800 + Math.floor(rnd() * 2600);
    return 4096;
  });
}

interface Phase { name: string; ops: number; ms: number }

function timed(name: string, ops: number, fn: () => void): Phase {
  const t0 = performance.now();
  fn();
  return { name, ops, ms: performance.now() - t0 };
}

export function benchZsmalloc(n = N, seed = 1): { phases: Phase[]; pagesAfter: number; compacted: number } {
  const pool = createZsPool();
  const sz = sizes(n, seed);
  const hs: Handle[] = new Array(n);
  const phases: Phase[] = [];
  phases.push(timed('malloc', n, () => { for (let i = 0; i < n; i++) hs[i] = pool.malloc(sz[i]); }));
  const rnd = lcg(seed + 1);
  const freed = new Uint8Array(n);
  phases.push(timed('free 3/4 (random order)', n - Math.ceil(n / 4), () => {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rnd() * n);
      const k = j % 4 === 0 ? i : j; // free everything not ≡ 0 mod 4, in scattered order
      if (k % 4 !== 0 && !freed[k]) { freed[k] = 1; pool.free(hs[k]); }
    }
    for (let i = 0; i < n; i++) if (i % 4 !== 0 && !freed[i]) { freed[i] = 1; pool.free(hs[i]); }
  }));
  let compacted = 0;
  phases.push(timed('compact', pool.liveHandles(), () => { compacted = pool.compact(); }));
  const pagesAfter = pool.totalPages();
  phases.push(timed('free rest', Math.ceil(n / 4), () => { for (let i = 0; i < n; i += 4) pool.free(hs[i]); }));
  if (pool.totalPages() !== 0 || pool.liveHandles() !== 0) throw new Error('pool not empty after freeing everything');
  return { phases, pagesAfter, compacted };
}

if (require.main === module) {
  const r = benchZsmalloc();
  for (const p of r.phases) {
    const rate = p.ms > 0 ? Math.round((p.ops / p.ms) * 1000) : Infinity;
    console.log(`${p.name.padEnd(26)} ${String(p.ops).padStart(7)} ops ${p.ms.toFixed(1).padStart(8)} ms ${String(rate).padStart(10)} ops/s`);
  }
  console.log(`after compact: ${r.pagesAfter} pages, ${r.compacted} pages compacted`);
}
