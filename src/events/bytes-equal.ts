// Full byte comparison of two pages (the proof of equality behind every dedup hit).
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  const n = a.length;
  if (((a.byteOffset | b.byteOffset | n) & 3) === 0) {
    const x = new Uint32Array(a.buffer, a.byteOffset, n >>> 2);
    const y = new Uint32Array(b.buffer, b.byteOffset, n >>> 2);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
