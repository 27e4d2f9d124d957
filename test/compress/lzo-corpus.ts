// A deterministic, varied page corpus for the LZO tests (seeded; no files, no clock).
import { mulberry32 } from '../../src/content/prng';

export interface CorpusPage {
  readonly name: string;
  readonly page: Uint8Array;
}

const PAGE = 4096;

/** mulberry32: small, fast, good enough to make test data. */
export const rng = mulberry32;

const WORDS = ('the of and to in is that for it as was with be by on not he this are or his from at ' +
  'which but have an they you were her she there been one all we their has would when if so no ' +
  'page zram memory compress kernel device block write read slot handle size class pool').split(' ');

function fillText(p: Uint8Array, from: number, r: () => number): void {
  let i = from;
  while (i < p.length) {
    const w = WORDS[Math.floor(r() * WORDS.length)] + (r() < 0.1 ? '.\n' : ' ');
    for (let k = 0; k < w.length && i < p.length; k++) p[i++] = w.charCodeAt(k);
  }
}

function textPage(r: () => number): Uint8Array {
  const p = new Uint8Array(PAGE);
  fillText(p, 0, r);
  return p;
}

function randomBytes(p: Uint8Array, from: number, to: number, r: () => number): void {
  for (let i = from; i < to; i++) p[i] = Math.floor(r() * 256);
}

function jsonPage(r: () => number): Uint8Array {
  const p = new Uint8Array(PAGE);
  let s = '';
  for (let id = Math.floor(r() * 1e6); s.length < PAGE; id++) {
    s += `{"id":${id},"name":"${WORDS[Math.floor(r() * WORDS.length)]}","value":${(r() * 1e4).toFixed(3)},` +
      `"tags":["${WORDS[Math.floor(r() * WORDS.length)]}"],"ok":${r() < 0.5}},\n`;
  }
  for (let i = 0; i < PAGE; i++) p[i] = s.charCodeAt(i);
  return p;
}

/** Binary-like structures: counters, float series, pointers, fixed-size records. */
function numericPage(kind: number, r: () => number): Uint8Array {
  const p = new Uint8Array(PAGE);
  const v = new DataView(p.buffer);
  const base = Math.floor(r() * 2 ** 32);
  for (let i = 0; i < PAGE / 8; i++) {
    if (kind === 0) v.setUint32(i * 8, base + i, true), v.setUint32(i * 8 + 4, i * 3, true);
    else if (kind === 1) v.setFloat64(i * 8, Math.sin(i / 10) * base, true);
    else if (kind === 2) v.setUint32(i * 8, 0x55550000 + Math.floor(r() * 4096) * 16, true), v.setUint32(i * 8 + 4, 0x7fff, true);
    else if (i % 4 === 0) v.setUint32(i * 8, i, true), v.setUint32(i * 8 + 4, Math.floor(r() * 256), true);
    else if (i % 4 === 1) v.setFloat64(i * 8, r(), true);
  }
  return p;
}

function zerosNoisePage(r: () => number): Uint8Array {
  const p = new Uint8Array(PAGE);
  const n = 1 + Math.floor(r() * 512);
  for (let k = 0; k < n; k++) p[Math.floor(r() * PAGE)] = 1 + Math.floor(r() * 255);
  return p;
}

/** A zero run of exactly `len` bytes at `pos` inside non-zero text (or random) bytes. */
export function zeroRunPage(len: number, pos: number, r: () => number): Uint8Array {
  const p = new Uint8Array(PAGE);
  if (r() < 0.5) fillText(p, 0, r);
  else for (let i = 0; i < PAGE; i++) p[i] = 1 + Math.floor(r() * 255);
  p.fill(0, pos, pos + len);
  return p;
}

/** Random prefix then text: compressed sizes spread across the huge threshold (3625). */
function borderlinePage(r: () => number): Uint8Array {
  const p = new Uint8Array(PAGE);
  const cut = 1500 + Math.floor(r() * 2596);
  randomBytes(p, 0, cut, r);
  fillText(p, cut, r);
  return p;
}

function zeroRunPositions(len: number, r: () => number): number[] {
  const last = PAGE - len;
  const spots = [0, last, Math.floor(last / 2), Math.floor(r() * (last + 1)), Math.max(0, last - 20)];
  return len % 7 === 0 ? spots : [spots[len % 5]];
}

/** The corpus: every zero-run length 1..2100 (several positions for some), plus mixed pages. */
export function lzoCorpus(seed: number): CorpusPage[] {
  const r = rng(seed);
  const out: CorpusPage[] = [];
  const add = (name: string, page: Uint8Array) => out.push({ name, page });
  for (let i = 0; i < 120; i++) add(`text${i}`, textPage(r));
  for (let i = 0; i < 60; i++) add(`json${i}`, jsonPage(r));
  for (let i = 0; i < 160; i++) add(`numeric${i % 4}-${i}`, numericPage(i % 4, r));
  for (let i = 0; i < 150; i++) add(`zerosNoise${i}`, zerosNoisePage(r));
  for (let i = 0; i < 40; i++) {
    const p = new Uint8Array(PAGE);
    randomBytes(p, 0, PAGE, r);
    add(`random${i}`, p);
  }
  for (let i = 0; i < 200; i++) add(`borderline${i}`, borderlinePage(r));
  for (let len = 1; len <= 2100; len++) {
    for (const pos of zeroRunPositions(len, r)) add(`zeroRun${len}@${pos}`, zeroRunPage(len, pos, r));
  }
  add('allZero', new Uint8Array(PAGE));
  add('allFF', new Uint8Array(PAGE).fill(0xff));
  return out;
}
