// The device's contents at the end of an external command (contents of its writes are unknown,
// so the image is the best approximation): only non-zero 4 KiB pages are kept.
// image.runs: "first count" lines of page runs; image.bin.gz: those pages back to back, gzip.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { gunzipBounded } from '../input/read-bounded';
import { PAGE_SIZE } from '../units';

const CHUNK = 1 << 20;

export interface SparseImage { readonly runs: string; readonly bin: Buffer; readonly pages: number }

const isZero = (b: Buffer, off: number): boolean => {
  for (let i = off; i < off + PAGE_SIZE; i++) if (b[i] !== 0) return false;
  return true;
};

export function readSparseImage(devPath: string, disksize: number): SparseImage {
  const fd = fs.openSync(devPath, 'r');
  const kept: Buffer[] = [];
  const runs: [number, number][] = [];
  const buf = Buffer.alloc(CHUNK);
  try {
    for (let off = 0; off < disksize; off += CHUNK) {
      const n = fs.readSync(fd, buf, 0, Math.min(CHUNK, disksize - off), off);
      for (let p = 0; p + PAGE_SIZE <= n; p += PAGE_SIZE) {
        if (isZero(buf, p)) continue;
        const page = (off + p) / PAGE_SIZE;
        const last = runs.at(-1);
        if (last && last[0] + last[1] === page) last[1]++;
        else runs.push([page, 1]);
        kept.push(Buffer.from(buf.subarray(p, p + PAGE_SIZE)));
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return { runs: runs.map(([a, c]) => `${a} ${c}\n`).join(''), bin: zlib.gzipSync(Buffer.concat(kept), { level: 9 }), pages: kept.length };
}

/** page index -> contents, for the pages the image holds (all others are zero). */
export function loadSparseImage(runsText: string, binGz: Buffer, diskPages = Number.MAX_SAFE_INTEGER):
  Map<number, Uint8Array> {
  const runs = runsText.split('\n').filter((l) => l !== '').map((l) => l.split(' ').map(Number));
  const inside = ([a, c]: number[]): boolean => Number.isSafeInteger(a) && Number.isSafeInteger(c) && a >= 0 && c >= 1 &&
    a + c <= diskPages;
  const badRun = runs.findIndex((r) => !inside(r));
  if (badRun >= 0) {
    throw new Error(`image.runs line ${badRun + 1}: expected "first count" of pages inside the disksize (${diskPages} pages)`);
  }
  const listed = runs.reduce((a, [, count]) => a + count, 0);
  if (listed > diskPages) throw new Error(`image.runs lists ${listed} pages, more than the disksize holds (${diskPages})`);
  const all = gunzipBounded(binGz, listed * PAGE_SIZE, 'image.bin.gz');
  if (listed * PAGE_SIZE !== all.length) throw new Error(`image.runs lists ${listed} pages, image.bin.gz holds ${all.length / PAGE_SIZE}`);
  const map = new Map<number, Uint8Array>();
  let k = 0;
  for (const [first, count] of runs) {
    for (let i = 0; i < count; i++, k++) map.set(first + i, new Uint8Array(all.buffer, all.byteOffset + k * PAGE_SIZE, PAGE_SIZE));
  }
  return map;
}
