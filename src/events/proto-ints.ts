// Integer checks at the proto boundary (STYLE.md §5 rule 4). protobufjs 8 decodes 64-bit
// fields as Long objects when the `long` package is present, whatever --force-number says
// (it only changes the typings), so decoding accepts a number or a Long-shaped value.
import { checkedU64 } from '../units';

type LongLike = { readonly low: number; readonly high: number };
const TWO_32 = 4294967296;

/** A decoded uint64 (number or Long) as a safe integer number; throws RangeError otherwise. */
export function u64FromProto(v: unknown, what: string): number {
  if (v === undefined || v === null) return 0; // proto3 default
  if (typeof v === 'number') return checkedU64(v, what);
  if (typeof v === 'object' && 'low' in v && 'high' in v) {
    const { low, high } = v as LongLike;
    const hi = high >>> 0;
    // Above 2^53 the number would round: hand checkedU64 the exact value so it says so.
    if (hi >= 0x200000) return checkedU64((BigInt(hi) << 32n) | BigInt(low >>> 0), what);
    return hi * TWO_32 + (low >>> 0);
  }
  throw new RangeError(`${what}: ${String(v)} is not an integer`);
}

/** A value about to be written to a uint64 field: must be a safe unsigned integer. */
export function u64ToProto(v: number, what: string): number {
  return checkedU64(v, what);
}

/** A value about to be written to an int32 field. */
export function i32ToProto(v: number, what: string): number {
  if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) {
    throw new RangeError(`${what}: ${String(v)} does not fit an int32`);
  }
  return v;
}

/** A value about to be written to a uint32 field. */
export function u32ToProto(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new RangeError(`${what}: ${String(v)} does not fit a uint32`);
  }
  return v;
}
