// Payload (pdu) interpretation, blktrace.md §1.4–1.5. Remap, split and unplug payloads are
// big-endian by definition; the cgroup id and TIMESTAMP words are in the recording host's order,
// which is the stream's order (`le`). With the 0x100 flag the cgroup id comes first.
import {
  actionCode, BLK_TA, BLK_TA_CGROUP, BLK_TN, BlkRecord, isNotify,
} from './record';

export const hasCgroup = (r: BlkRecord): boolean => (r.action & BLK_TA_CGROUP) !== 0;

/** The payload after the optional 8-byte cgroup id. */
export function body(r: BlkRecord): Uint8Array {
  return hasCgroup(r) ? r.pdu.subarray(Math.min(8, r.pdu.length)) : r.pdu;
}

function u64(b: Uint8Array, off: number, le: boolean): bigint {
  if (b.length < off + 8) return 0n;
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(off, le);
}

function be32(b: Uint8Array, off: number): number {
  if (b.length < off + 4) return 0;
  return ((b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3]) >>> 0;
}

export function cgroupId(r: BlkRecord, le: boolean): bigint | null {
  return hasCgroup(r) && r.pdu.length >= 8 ? u64(r.pdu, 0, le) : null;
}

export interface Remap { readonly deviceFrom: number; readonly deviceTo: number; readonly sectorFrom: bigint }

export function remap(r: BlkRecord): Remap {
  const b = body(r);
  return { deviceFrom: be32(b, 0), deviceTo: be32(b, 4), sectorFrom: u64(b, 8, false) };
}

/** SPLIT: sector where the remainder starts; UNPLUG_IO/TIMER: requests released (be64). */
export const pduU64 = (r: BlkRecord): bigint => u64(body(r), 0, false);

export type Note =
  | { kind: 'process'; pid: number; comm: string }
  | { kind: 'timestamp'; sec: number; nsec: number }
  | { kind: 'message'; text: string }
  | { kind: 'unknown'; code: number };

export function decodeNote(r: BlkRecord, le: boolean): Note {
  const b = body(r);
  switch (r.action & 0xff) {
    case BLK_TN.PROCESS: return { kind: 'process', pid: r.pid, comm: cString(b, 16) };
    case BLK_TN.TIMESTAMP: {
      const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
      return b.length >= 8 ? { kind: 'timestamp', sec: v.getUint32(0, le), nsec: v.getUint32(4, le) }
        : { kind: 'timestamp', sec: 0, nsec: 0 };
    }
    case BLK_TN.MESSAGE: return { kind: 'message', text: latin1(b) };
    default: return { kind: 'unknown', code: r.action & 0xff };
  }
}

/** Up to the first NUL (C string semantics), at most `max` bytes. */
export function cString(b: Uint8Array, max = b.length): string {
  let end = 0;
  while (end < b.length && end < max && b[end] !== 0) end++;
  return latin1(b.subarray(0, end));
}

export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** Why the payload is too short for the action, or null when it is fine. */
export function checkPdu(r: BlkRecord): string | null {
  const need = (hasCgroup(r) ? 8 : 0) + requiredPdu(r);
  return r.pdu.length < need
    ? `pdu_len ${r.pdu.length} too short for action 0x${r.action.toString(16)}: expected at least ${need}`
    : null;
}

function requiredPdu(r: BlkRecord): number {
  if (isNotify(r)) return (r.action & 0xff) === BLK_TN.TIMESTAMP ? 8 : 0;
  switch (actionCode(r) & 0xff) {
    case BLK_TA.REMAP: return 16;
    case BLK_TA.SPLIT: case BLK_TA.UNPLUG_IO: case BLK_TA.UNPLUG_TIMER: return 8;
    default: return 0;
  }
}
