// Digest of the bytes a read returned: two 32-bit FNV-1a lanes over 32-bit words (the model
// and the kernel target must agree on it; it only has to tell contents apart, not resist
// attack). Pure and stable across runs and machines (words are read little-endian explicitly).
export function contentDigest(data: Uint8Array): string {
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
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
