// What each regular template code (0x00..0x19) does, in output order: 'D' = that many literal
// bytes follow in the stream, 'I' = an index to that many earlier bytes (lib/842/842_decompress.c
// decomp_ops, Linux 6.18). Each row makes 8 bytes.
type Action = readonly ['D' | 'I', 2 | 4 | 8];

const D2: Action = ['D', 2];
const D4: Action = ['D', 4];
const D8: Action = ['D', 8];
const I2: Action = ['I', 2];
const I4: Action = ['I', 4];
const I8: Action = ['I', 8];

export const DECODE_OPS: readonly (readonly Action[])[] = [
  [D8], [D4, D2, I2], [D4, I2, D2], [D4, I2, I2], [D4, I4], // 0x00..0x04
  [D2, I2, D4], [D2, I2, D2, I2], [D2, I2, I2, D2], [D2, I2, I2, I2], [D2, I2, I4], // 0x05..0x09
  [I2, D2, D4], [I2, D4, I2], [I2, D2, I2, D2], [I2, D2, I2, I2], [I2, D2, I4], // 0x0a..0x0e
  [I2, I2, D4], [I2, I2, D2, I2], [I2, I2, I2, D2], [I2, I2, I2, I2], [I2, I2, I4], // 0x0f..0x13
  [I4, D4], [I4, D2, I2], [I4, I2, D2], [I4, I2, I2], [I4, I4], // 0x14..0x18
  [I8], // 0x19
];
