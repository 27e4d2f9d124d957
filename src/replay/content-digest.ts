// Digest of the bytes a read returned: two 32-bit FNV-1a lanes over 32-bit words (the model
// and the kernel target must agree on it; it only has to tell contents apart, not resist
// attack). Pure and stable across runs and machines (words are read little-endian explicitly).
// Computed in WebAssembly (compress/wasm/assembly/digest.ts, ~3x faster); the TypeScript
// below is its reference (test/replay/content-digest.test.ts checks they agree).
import { SRC_CAPACITY, wasmCompressors, withInput } from '../compress/wasm/module';
import { pageSameFilled } from '../device/same-filled';
import { PAGE_SIZE } from '../units';

/** Pieces fed to the module: a multiple of 4 bytes that fits its input region. */
const PIECE = SRC_CAPACITY & ~3;
/** A hex digit's character code. */
const HEX = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));

/** The digest text of two lanes: 16 hex digits, built as one flat string. A read's digest is
 * printed per bio: joining pieces made a rope that the output's checks then had to flatten
 * (2.5x slower). */
export const digestText = (a: number, b: number): string => String.fromCharCode(
  HEX[a >>> 28], HEX[(a >>> 24) & 15], HEX[(a >>> 20) & 15], HEX[(a >>> 16) & 15],
  HEX[(a >>> 12) & 15], HEX[(a >>> 8) & 15], HEX[(a >>> 4) & 15], HEX[a & 15],
  HEX[b >>> 28], HEX[(b >>> 24) & 15], HEX[(b >>> 20) & 15], HEX[(b >>> 16) & 15],
  HEX[(b >>> 12) & 15], HEX[(b >>> 8) & 15], HEX[(b >>> 4) & 15], HEX[b & 15]);

export function contentDigest(data: Uint8Array): string {
  const w = digestInModule(data);
  return digestText(w.exports.digestA(), w.exports.digestB());
}

/** Same-filled pages read back often (zeros above all): the digests of the last few elements,
 * direct-mapped, so a read of one digests no page (3,714 digests of a goal-1 replay's 36,600
 * reads, 2% of its time). */
const SAME_SLOTS = 16;
const sameLo = new Int32Array(SAME_SLOTS), sameHi = new Int32Array(SAME_SLOTS);
const sameDigest = new Array<string>(SAME_SLOTS).fill('');

/** contentDigest of the bytes a read returned. */
export function readDigest(data: Uint8Array): string {
  const e = data.length === PAGE_SIZE ? pageSameFilled(data) : null;
  if (e === null) return contentDigest(data);
  const lo = e[0] | 0, hi = e[1] | 0, i = (lo ^ hi ^ (lo >>> 16) ^ (hi >>> 16)) & (SAME_SLOTS - 1);
  if (sameDigest[i] === '' || sameLo[i] !== lo || sameHi[i] !== hi) {
    sameLo[i] = lo; sameHi[i] = hi; sameDigest[i] = contentDigest(data);
  }
  return sameDigest[i];
}

/** contentDigest(data) as its two lanes, written to out[at], out[at + 1] (for shared memory). */
export function contentDigestLanes(data: Uint8Array, out: Int32Array, at: number): void {
  const w = digestInModule(data);
  out[at] = w.exports.digestA();
  out[at + 1] = w.exports.digestB();
}

function digestInModule(data: Uint8Array): ReturnType<typeof wasmCompressors> {
  const w = wasmCompressors();
  w.exports.digestStart();
  if (data.length <= PIECE) {
    withInput(data);
    w.exports.digestUpdate(data.length);
  } else {
    for (let off = 0; off < data.length; off += PIECE) {
      const piece = data.subarray(off, off + PIECE);
      w.src.set(piece);
      w.exports.digestUpdate(piece.length);
    }
  }
  w.exports.digestFinish(data.length);
  return w;
}

/** The same digest in TypeScript (the reference for the WebAssembly one). */
export function contentDigestReference(data: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  const n = data.length & ~3;
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < n; i += 4) {
    const w = dv.getUint32(i, true);
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ w, 0x5bd1e995) ^ (b >>> 15);
  }
  for (let i = n; i < data.length; i++) a = Math.imul(a ^ data[i], 0x01000193);
  a = Math.imul(a ^ data.length, 0x01000193);
  const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, '0'); // not digestText: a reference of it too
  return hex(a) + hex(b);
}
