// The compressor's template list (lib/842/842_compress.c comp_ops, Linux 6.18): the 25
// templates sw842_compress tries, in this order (fewest output bits first), then D8 as the
// fallback. Each entry: its ops, in output order, and the 5-bit code written for it.
import { isIndex, opSize, type Op } from './format';

/** `lookups`: the group's lookup keys the template needs (see lookupKey); `sizes`: each op's
 * byte count (precomputed: the compressor tests templates for every 8-byte group). */
export interface Template {
  readonly ops: readonly Op[];
  readonly code: number;
  readonly sizes: readonly number[];
  readonly lookups: readonly number[];
}

/** A group's seven possible lookups: 0 = I8, 1..2 = I4 at byte 0, 4; 3..6 = I2 at 0, 2, 4, 6. */
export const lookupKey = (op: Op, b: number): number => (op === 'I8' ? 0 : op === 'I4' ? 1 + (b >> 2) : 3 + (b >> 1));

function t(code: number, ...ops: Op[]): Template {
  const sizes = ops.map(opSize);
  const at = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  const lookups = ops.flatMap((op, i) => (isIndex(op) ? [lookupKey(op, at[i])] : []));
  return { ops, code, sizes, lookups };
}

export const COMP_TEMPLATES: readonly Template[] = [
  t(0x19, 'I8'), //                      8 argument bits
  t(0x18, 'I4', 'I4'), //                18
  t(0x17, 'I4', 'I2', 'I2'), //          25
  t(0x13, 'I2', 'I2', 'I4'), //          25
  t(0x12, 'I2', 'I2', 'I2', 'I2'), //    32
  t(0x16, 'I4', 'I2', 'D2'), //          33
  t(0x15, 'I4', 'D2', 'I2'),
  t(0x0e, 'I2', 'D2', 'I4'),
  t(0x09, 'D2', 'I2', 'I4'),
  t(0x11, 'I2', 'I2', 'I2', 'D2'), //    40
  t(0x10, 'I2', 'I2', 'D2', 'I2'),
  t(0x0d, 'I2', 'D2', 'I2', 'I2'),
  t(0x08, 'D2', 'I2', 'I2', 'I2'),
  t(0x14, 'I4', 'D4'), //                41
  t(0x04, 'D4', 'I4'),
  t(0x0f, 'I2', 'I2', 'D4'), //          48
  t(0x0c, 'I2', 'D2', 'I2', 'D2'),
  t(0x0b, 'I2', 'D4', 'I2'),
  t(0x07, 'D2', 'I2', 'I2', 'D2'),
  t(0x06, 'D2', 'I2', 'D2', 'I2'),
  t(0x03, 'D4', 'I2', 'I2'),
  t(0x0a, 'I2', 'D2', 'D4'), //          56
  t(0x05, 'D2', 'I2', 'D4'),
  t(0x02, 'D4', 'I2', 'D2'),
  t(0x01, 'D4', 'D2', 'I2'),
  t(0x00, 'D8'), //                      64: always fits, the fallback
];
