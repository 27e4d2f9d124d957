// A fast 32-bit hash of a page for dedup. It only picks candidates: equality is always
// decided by a full byte comparison (content-store.ts), so collisions cost time, never
// correctness. xxHash32-style mixing over little-endian 32-bit words, written here.

/** Hash function of page contents; injectable so tests can force collisions. */
export type PageHash = (data: Uint8Array) => number;

const PRIME1 = 0x9e3779b1;
const PRIME2 = 0x85ebca77;
const PRIME3 = 0xc2b2ae3d;

// A local alias: a global looked up in a hot loop costs ~100x under Jest's vm context.
const imul = Math.imul;
const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

export const hashPage: PageHash = (data) => {
  let h = imul(data.length, PRIME3) ^ PRIME1;
  const words = data.length >>> 2;
  // Aligned views read 4 bytes at once; unaligned ones (Buffer pool slices) go byte-wise.
  if ((data.byteOffset & 3) === 0) {
    const w = new Uint32Array(data.buffer, data.byteOffset, words);
    for (let i = 0; i < words; i++) h = imul(rotl(h + imul(w[i]!, PRIME2), 13), PRIME1);
  } else {
    for (let i = 0; i < words; i++) {
      const j = i << 2;
      const x = data[j]! | (data[j + 1]! << 8) | (data[j + 2]! << 16) | (data[j + 3]! << 24);
      h = imul(rotl(h + imul(x, PRIME2), 13), PRIME1);
    }
  }
  for (let j = words << 2; j < data.length; j++) h = imul(rotl(h + data[j]!, 11), PRIME1);
  return avalanche(h);
};

function avalanche(h: number): number {
  h = imul(h ^ (h >>> 15), PRIME2);
  h = imul(h ^ (h >>> 13), PRIME3);
  return (h ^ (h >>> 16)) >>> 0;
}
