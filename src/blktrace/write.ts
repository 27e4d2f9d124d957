// Encoder for version-7 records (48-byte struct blk_io_trace + payload), the format blkparse,
// btt and fio read. decode -> encode is byte-identical for v7 input. v8 records are written as v7
// unless asked for v8: the action's high word (zone/write-zeroes categories) is then dropped.
import { BLK_IO_TRACE_MAGIC, BlkRecord, V7_HEADER_SIZE, V8_HEADER_SIZE } from './record';

export interface EncodeOptions {
  readonly littleEndian?: boolean; // default true (every trace seen so far is LE)
  /** Subtracted from every time (e.g. genesis, to write relative times like blkparse -d). */
  readonly timeBase?: bigint;
  /** 7 (default) or 8 (blk_io_trace2, Linux 6.19+; nothing here reads it but our decoder). */
  readonly version?: 7 | 8;
}

export function encodedSize(r: BlkRecord, o: EncodeOptions = {}): number {
  return (o.version === 8 ? V8_HEADER_SIZE : V7_HEADER_SIZE) + r.pdu.length;
}

/** blk_io_trace2: pid at 28, 64-bit action at 32, device 40, cpu 44, error 48, pdu_len 50. */
function encodeV8Into(r: BlkRecord, out: Uint8Array, off: number, o: EncodeOptions): number {
  const le = o.littleEndian ?? true;
  const v = new DataView(out.buffer, out.byteOffset + off, V8_HEADER_SIZE);
  out.fill(0, off, off + V8_HEADER_SIZE);
  v.setUint32(0, (BLK_IO_TRACE_MAGIC | 8) >>> 0, le);
  v.setUint32(4, r.sequence >>> 0, le);
  v.setBigUint64(8, BigInt.asUintN(64, r.time - (o.timeBase ?? 0n)), le);
  v.setBigUint64(16, BigInt.asUintN(64, r.sector), le);
  v.setUint32(24, r.bytes >>> 0, le);
  v.setUint32(28, r.pid >>> 0, le);
  v.setBigUint64(32, (BigInt(r.actionHigh >>> 0) << 32n) | BigInt(r.action >>> 0), le);
  v.setUint32(40, r.device >>> 0, le);
  v.setUint32(44, r.cpu >>> 0, le);
  v.setUint16(48, r.error & 0xffff, le);
  v.setUint16(50, r.pdu.length, le);
  out.set(r.pdu, off + V8_HEADER_SIZE);
  return off + V8_HEADER_SIZE + r.pdu.length;
}

/** Writes one record at `off` in `out`; returns the offset after it. */
export function encodeRecordInto(r: BlkRecord, out: Uint8Array, off: number, o: EncodeOptions = {}): number {
  if (r.pdu.length > 0xffff) throw new RangeError(`pdu of ${r.pdu.length} bytes does not fit pdu_len`);
  if (o.version === 8) return encodeV8Into(r, out, off, o);
  const le = o.littleEndian ?? true;
  const v = new DataView(out.buffer, out.byteOffset + off, V7_HEADER_SIZE);
  v.setUint32(0, (BLK_IO_TRACE_MAGIC | 7) >>> 0, le);
  v.setUint32(4, r.sequence >>> 0, le);
  v.setBigUint64(8, BigInt.asUintN(64, r.time - (o.timeBase ?? 0n)), le);
  v.setBigUint64(16, BigInt.asUintN(64, r.sector), le);
  v.setUint32(24, r.bytes >>> 0, le);
  v.setUint32(28, r.action >>> 0, le);
  v.setUint32(32, r.pid >>> 0, le);
  v.setUint32(36, r.device >>> 0, le);
  v.setUint32(40, r.cpu >>> 0, le);
  v.setUint16(44, r.error & 0xffff, le);
  v.setUint16(46, r.pdu.length, le);
  out.set(r.pdu, off + V7_HEADER_SIZE);
  return off + V7_HEADER_SIZE + r.pdu.length;
}

export function encodeRecords(records: Iterable<BlkRecord>, o: EncodeOptions = {}): Uint8Array {
  const list = Array.isArray(records) ? (records as BlkRecord[]) : [...records];
  const out = new Uint8Array(list.reduce((n, r) => n + encodedSize(r, o), 0));
  let off = 0;
  for (const r of list) off = encodeRecordInto(r, out, off, o);
  return out;
}

/** Per-CPU split for NAME.blktrace.N files: each record goes to the file of its cpu field
 * (blkparse's file mode requires that), keeping the input order within a CPU. */
export function splitByCpu(records: Iterable<BlkRecord>): Map<number, BlkRecord[]> {
  const m = new Map<number, BlkRecord[]>();
  for (const r of records) {
    const l = m.get(r.cpu);
    if (l) l.push(r);
    else m.set(r.cpu, [r]);
  }
  return m;
}

/** A time window [from, to) in trace-clock ns; notes are always kept (they carry names). */
export function trimByTime(records: Iterable<BlkRecord>, from: bigint, to: bigint): BlkRecord[] {
  const out: BlkRecord[] = [];
  for (const r of records) if ((r.action & 0x04000000) !== 0 || (r.time >= from && r.time < to)) out.push(r);
  return out;
}
