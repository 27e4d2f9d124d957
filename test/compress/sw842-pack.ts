// A hand packer for 842 test vectors: fields written most significant bit first, as 842.h
// describes the stream, independent of src/compress/842.

/** Packs (value, bit count) fields MSB first, zero bits to the byte, zero bytes to 8. */
export function pack(fields: readonly (readonly [number, number])[]): Uint8Array {
  let s = '';
  for (const [v, n] of fields) s += v.toString(2).padStart(n, '0').slice(-n);
  while (s.length % 64 !== 0) s += '0';
  return Uint8Array.from({ length: s.length / 8 }, (_, i) => parseInt(s.slice(8 * i, 8 * i + 8), 2));
}
