// AssemblyScript: the two 32-bit FNV-1a-style lanes of src/replay/content-digest.ts over a
// buffer fed in pieces through SRC (each piece but the last a multiple of 4 bytes long).
import { SRC } from './layout';

let a: u32 = 0;
let b: u32 = 0;

export function digestStart(): void {
  a = 0x811c9dc5;
  b = 0x9747b28c;
}

/** Feeds SRC[0, n); only the final piece may have n % 4 != 0 (its tail bytes go to lane a). */
export function digestUpdate(n: i32): void {
  const words = n & ~3;
  let x = a, y = b;
  for (let i = 0; i < words; i += 4) {
    const w = load<u32>(SRC + <usize>i);
    x = (x ^ w) * 0x01000193;
    y = ((y ^ w) * 0x5bd1e995) ^ (y >>> 15);
  }
  for (let i = words; i < n; i++) x = (x ^ <u32>load<u8>(SRC + <usize>i)) * 0x01000193;
  a = x;
  b = y;
}

/** Mixes in the total length; the lanes are then read with digestA / digestB. */
export function digestFinish(total: u32): void {
  a = (a ^ total) * 0x01000193;
}

export function digestA(): u32 { return a; }
export function digestB(): u32 { return b; }
