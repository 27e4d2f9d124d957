// TS string unions ↔ proto enums. Tables, not switches, so both directions come from one
// list and an unknown value (a newer writer, a corrupt record) is caught, never guessed.
import { zram_ref } from '../../proto/gen/zram';
import type { BioOp, IoContext, StoreAttr } from './types';

const P = zram_ref.v1;

type AttrStoredAttr = Exclude<StoreAttr, 'reset'>;

const ATTRS: readonly (readonly [AttrStoredAttr, zram_ref.v1.StoreAttr])[] = [
  ['disksize', P.StoreAttr.STORE_ATTR_DISKSIZE],
  ['comp_algorithm', P.StoreAttr.STORE_ATTR_COMP_ALGORITHM],
  ['algorithm_params', P.StoreAttr.STORE_ATTR_ALGORITHM_PARAMS],
  ['mem_limit', P.StoreAttr.STORE_ATTR_MEM_LIMIT],
  ['mem_used_max', P.StoreAttr.STORE_ATTR_MEM_USED_MAX],
  ['compact', P.StoreAttr.STORE_ATTR_COMPACT],
  ['idle', P.StoreAttr.STORE_ATTR_IDLE],
];

const OPS: readonly (readonly [BioOp, zram_ref.v1.BioOp])[] = [
  ['read', P.BioOp.BIO_OP_READ],
  ['write', P.BioOp.BIO_OP_WRITE],
  ['discard', P.BioOp.BIO_OP_DISCARD],
  ['write_zeroes', P.BioOp.BIO_OP_WRITE_ZEROES],
  ['flush', P.BioOp.BIO_OP_FLUSH],
];

const CONTEXTS: readonly (readonly [IoContext, zram_ref.v1.IoContext])[] = [
  ['process', P.IoContext.IO_CONTEXT_PROCESS],
  ['reclaim', P.IoContext.IO_CONTEXT_RECLAIM],
];

/** Both directions of one enum; `undefined` for a value outside the table. */
export interface EnumMap<T extends string> {
  toProto(v: T): number | undefined;
  fromProto(n: number): T | undefined;
}

function enumMap<T extends string>(pairs: readonly (readonly [T, number])[]): EnumMap<T> {
  const to = new Map<string, number>(pairs);
  const from = new Map<number, T>(pairs.map(([s, n]) => [n, s]));
  return { toProto: (v) => to.get(v), fromProto: (n) => from.get(n) };
}

export const storeAttrEnum = enumMap<AttrStoredAttr>(ATTRS);
export const bioOpEnum = enumMap<BioOp>(OPS);
export const ioContextEnum = enumMap<IoContext>(CONTEXTS);
