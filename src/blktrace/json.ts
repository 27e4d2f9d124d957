// One JSON object per event for `blkparse --json`: the decoded fields with kernel names, the
// action letter and RWBS as blkparse shows them, and the payload interpreted per action.
// u64 values are numbers when exact, decimal strings otherwise.
import { MergedRecord } from './merge';
import { cgroupId, decodeNote, hasCgroup, pduU64, remap } from './pdu';
import { rwbs } from './print';
import { actionCode, BLK_TA, BlkRecord, categoryNames, devMajor, devMinor, isNotify } from './record';

const LETTERS = ['', 'Q', 'M', 'F', 'G', 'S', 'R', 'D', 'C', 'P', 'U', 'UT', 'I', 'X', 'B', 'A', 'abort', 'drv_data', 'ZP', 'ZU'];

export const u64Json = (v: bigint): number | string => (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : String(v));
const dev = (d: number): string => `${devMajor(d)},${devMinor(d)}`;

function payload(r: BlkRecord, le: boolean): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  const cg = cgroupId(r, le);
  if (cg !== null) p.cgroupId = u64Json(cg);
  if (isNotify(r)) {
    p.note = decodeNote(r, le);
    return p;
  }
  switch (actionCode(r) & 0xff) {
    case BLK_TA.REMAP: {
      const m = remap(r);
      return { ...p, remap: { from: dev(m.deviceFrom), to: dev(m.deviceTo), sectorFrom: u64Json(m.sectorFrom) } };
    }
    case BLK_TA.SPLIT: return { ...p, splitSector: u64Json(pduU64(r)) };
    case BLK_TA.UNPLUG_IO: case BLK_TA.UNPLUG_TIMER: return { ...p, depth: u64Json(pduU64(r)) };
    default: return r.pdu.length > (hasCgroup(r) ? 8 : 0) ? { ...p, pduLen: r.pdu.length } : p;
  }
}

export function recordJson(m: MergedRecord, le = true): string {
  const r = m.rec;
  const code = actionCode(r);
  return JSON.stringify({
    time: u64Json(m.relTime), absTime: u64Json(r.time), cpu: m.streamCpu, sequence: r.sequence,
    action: isNotify(r) ? 'note' : LETTERS[code & 0xff] ?? `0x${code.toString(16)}`,
    actionWord: r.action, categories: categoryNames(r.action), rwbs: rwbs(r), device: dev(r.device),
    sector: u64Json(r.sector), bytes: r.bytes, pid: r.pid, error: r.error, version: r.version,
    ...payload(r, le),
  });
}
