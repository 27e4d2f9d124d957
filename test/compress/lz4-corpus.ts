// A deterministic, varied corpus of 4 KiB pages for the lz4 tests (seeded PRNG, no I/O).
// Same-filled pages are left out: zram never compresses them.
// No Math.* or String builtins in the per-byte loops: under Jest they are not inlined and cost
// ~50x more (jestjs/jest#5163), which made building this corpus the slowest part of the tests.

import { lz4 } from '../../src/compress/lz4';
import { isSameFilled } from '../../src/content';

export const PAGE = 4096;
export const HUGE_THRESHOLD = 3625;

/** Floor of a non-negative number, without Math.floor. */
export const fl = (x: number): number => x - (x % 1);

/** xorshift32 (Marsaglia), as floats in [0, 1): small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let x = (seed | 0) || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** An ASCII string into the page (cut at the page end). */
function putAscii(p: Uint8Array, s: string): void {
  p.set(Buffer.from(s.slice(0, PAGE), 'latin1'));
}

const WORDS = ('the of and to in is that for it as was with be by on not he this are or his from at which but ' +
  'have an they you were her she there been one all we their has would when if so no will more can said ' +
  'zram page slot compress memory device kernel block sector write read handle zspage class object huge').split(' ');

type Gen = (r: () => number, p: Uint8Array) => void;

const text: Gen = (r, p) => {
  let s = '';
  while (s.length < PAGE) s += WORDS[fl(r() * r() * WORDS.length)] + (r() < 0.08 ? '.\n' : ' ');
  putAscii(p, s);
};
const json: Gen = (r, p) => {
  let s = '';
  for (let id = fl(r() * 1e6); s.length < PAGE; id++) {
    s += `{"id":${id},"name":"${WORDS[fl(r() * WORDS.length)]}","size":${fl(r() * 65536)},"ok":${r() < 0.5}},\n`;
  }
  putAscii(p, s);
};
const structs: Gen = (r, p) => {
  const v = new DataView(p.buffer, p.byteOffset, PAGE);
  const base = fl(r() * 0x7fff0000);
  for (let o = 0; o < PAGE; o += 32) {
    v.setUint32(o, o / 32 + base, true);
    v.setUint32(o + 4, r() < 0.3 ? fl(r() * 256) : 0, true);
    v.setUint32(o + 8, 0xffff8880 - fl(r() * 16), true); // pointer-like
    v.setUint32(o + 12, (base + fl(r() * 4096) * 64) >>> 0, true);
    v.setFloat64(o + 16, fl(r() * 1000 + 0.5) / 8, true);
    v.setUint32(o + 24, r() < 0.9 ? 0 : fl(r() * 2 ** 32), true);
  }
};
const zerosNoise: Gen = (r, p) => {
  const k = 1 + fl(r() * 512);
  for (let i = 0; i < k; i++) p[fl(r() * PAGE)] = 1 + fl(r() * 255);
};
const random: Gen = (r, p) => { for (let i = 0; i < PAGE; i++) p[i] = fl(r() * 256); };
const ramp: Gen = (r, p) => {
  const v = new DataView(p.buffer, p.byteOffset, PAGE);
  const kind = fl(r() * 3), start = fl(r() * 1e6), inc = 1 + fl(r() * 7);
  if (kind === 0) for (let i = 0; i < PAGE; i++) p[i] = (start + i * inc) & 0xff;
  else if (kind === 1) for (let i = 0; i < PAGE; i += 4) v.setUint32(i, start + (i / 4) * inc, true);
  else for (let i = 0; i < PAGE; i += 8) v.setFloat64(i, start + (i / 8) * inc * 0.1, true);
};
/** Short repeating runs mixed with noise: many short matches, long match-length fields. */
const runs: Gen = (r, p) => {
  let i = 0;
  while (i < PAGE) {
    const len = 1 + fl(r() * (r() < 0.1 ? 600 : 20));
    const b = fl(r() * 256);
    const noisy = r() < 0.5;
    for (let j = 0; j < len && i < PAGE; j++, i++) p[i] = noisy ? fl(r() * 256) : b;
  }
};

/** Random prefix of length k then text: the compressed size grows with k. */
function borderline(seed: number, k: number, p: Uint8Array): void {
  text(rng(seed), p);
  const r = rng(seed ^ 0x9e3779b9);
  for (let i = 0; i < k; i++) p[i] = fl(r() * 256);
}

/** Picks the prefix length whose lz4 size lands nearest `target` (sizes near the huge threshold). */
function nearThreshold(seed: number, target: number): Uint8Array {
  const p = new Uint8Array(PAGE);
  let lo = 0, hi = PAGE;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    borderline(seed, mid, p);
    if (lz4.compressedLength(p, {}) < target) lo = mid + 1; else hi = mid;
  }
  borderline(seed, lo, p);
  return p;
}

export interface CorpusPage { kind: string; data: Uint8Array }

const GENS: [string, Gen, number][] = [
  ['text', text, 40], ['json', json, 30], ['structs', structs, 40], ['zeros_noise', zerosNoise, 40],
  ['random', random, 15], ['ramp', ramp, 20], ['runs', runs, 40],
];

/** About 300 pages; `scale` multiplies the per-kind counts. */
export function makeCorpus(seed = 1, scale = 1): CorpusPage[] {
  const out: CorpusPage[] = [];
  const r = rng(seed);
  for (const [kind, gen, n] of GENS) {
    for (let i = 0; i < n * scale; i++) {
      const data = new Uint8Array(PAGE);
      gen(rng(fl(r() * 2 ** 32)), data);
      if (!isSameFilled(data)) out.push({ kind, data });
    }
  }
  for (let i = 0; i < 80 * scale; i++) {
    const target = HUGE_THRESHOLD - 24 + (i % 48); // 3601 .. 3648
    out.push({ kind: 'near_huge', data: nearThreshold(fl(r() * 2 ** 32), target) });
  }
  return out;
}
