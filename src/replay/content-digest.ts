// Digest of the bytes a read returned: two 32-bit FNV-1a lanes over 32-bit words (the model
// and the kernel target must agree on it; it only has to tell contents apart, not resist
// attack). Pure and stable across runs and machines (words are read little-endian explicitly).
// Computed in WebAssembly (compress/wasm/assembly/digest.ts, ~3x faster); the TypeScript
// below is its reference (test/replay/content-digest.test.ts checks they agree).
import { SRC_CAPACITY, wasmCompressors, withInput } from '../compress/wasm/module';

/** Pieces fed to the module: a multiple of 4 bytes that fits its input region. */
const PIECE = SRC_CAPACITY & ~3;
/** Two hex digits per byte value: a read's digest is printed per bio, padStart per word was slow. */
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (x: number): string => HEX2[x >>> 24] + HEX2[(x >>> 16) & 255] + HEX2[(x >>> 8) & 255] + HEX2[x & 255];

export function contentDigest(data: Uint8Array): string {
  const w = digestInModule(data);
  return hex8(w.exports.digestA()) + hex8(w.exports.digestB());
}

/** contentDigest(data) as its two lanes, written to out[at], out[at + 1] (for shared memory). */
export function contentDigestLanes(data: Uint8Array, out: Int32Array, at: number): void {
  const w = digestInModule(data);
  out[at] = w.exports.digestA();
  out[at + 1] = w.exports.digestB();
}

/** The digest text of two lanes (contentDigestLanes'). */
export const digestText = (a: number, b: number): string => hex8(a >>> 0) + hex8(b >>> 0);

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
  return hex8(a) + hex8(b);
}
