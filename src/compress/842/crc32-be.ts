// crc32_be(0, buf, len) of lib/crc32: CRC-32 with polynomial 0x04C11DB7, not reflected, seed 0,
// no final xor (sw842 stores it after END; the decompressor checks it).
const POLY_BE = 0x04c11db7;

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = (c & 0x80000000) !== 0 ? (c << 1) ^ POLY_BE : c << 1;
    t[i] = c >>> 0;
  }
  return t;
})();

export function crc32Be(crc: number, buf: Uint8Array, start = 0, end = buf.length): number {
  let c = crc >>> 0;
  for (let i = start; i < end; i++) c = ((c << 8) ^ TABLE[((c >>> 24) ^ buf[i]) & 0xff]) >>> 0;
  return c;
}
