// Notify records a recorder can add to ftrace-made traces, which have none (blktrace.md §5.3):
// PROCESS notes (pid -> comm, so blkparse prints names instead of "(null)") and a TIMESTAMP note
// (wall-clock start, for %z). They are synthesized, not kernel output: say so in the manifest.
import { BLK_TN_MESSAGE, BLK_TN_PROCESS, BLK_TN_TIMESTAMP, BlkRecord } from './record';

const TASK_COMM_LEN = 16;

function note(action: number, pid: number, cpu: number, time: bigint, device: number, pdu: Uint8Array): BlkRecord {
  return { version: 7, sequence: 0, time, sector: 0n, bytes: 0, action, actionHigh: 0, pid, device, cpu, error: 0, pdu, offset: 0 };
}

/** comm is cut to 15 bytes and NUL-padded to 16, as the kernel's TASK_COMM_LEN. */
export function processNote(pid: number, comm: string, cpu: number, time: bigint, device: number): BlkRecord {
  const pdu = new Uint8Array(TASK_COMM_LEN);
  for (let i = 0; i < Math.min(comm.length, TASK_COMM_LEN - 1); i++) pdu[i] = comm.charCodeAt(i) & 0xff;
  return note(BLK_TN_PROCESS, pid, cpu, time, device, pdu);
}

/** Wall-clock seconds and nanoseconds at monotonic `time`, as two u32 in the trace's byte order. */
export function timestampNote(sec: number, nsec: number, cpu: number, time: bigint, device: number, littleEndian = true): BlkRecord {
  const pdu = new Uint8Array(8);
  const v = new DataView(pdu.buffer);
  v.setUint32(0, sec >>> 0, littleEndian);
  v.setUint32(4, nsec >>> 0, littleEndian);
  return note(BLK_TN_TIMESTAMP, 0, cpu, time, device, pdu);
}

export function messageNote(text: string, cpu: number, time: bigint, device: number): BlkRecord {
  return note(BLK_TN_MESSAGE, 0, cpu, time, device, Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff));
}

/** PROCESS notes for every pid seen in `records` that `comms` names, placed before the first
 * record of each CPU so blkparse's file mode reads them first. */
export function processNotesFor(records: readonly BlkRecord[], comms: ReadonlyMap<number, string>): BlkRecord[] {
  const first = new Map<number, BlkRecord>();
  const pidsByCpu = new Map<number, Set<number>>();
  for (const r of records) {
    if (!first.has(r.cpu)) first.set(r.cpu, r);
    if (!comms.has(r.pid)) continue;
    const s = pidsByCpu.get(r.cpu) ?? new Set<number>();
    s.add(r.pid);
    pidsByCpu.set(r.cpu, s);
  }
  const out: BlkRecord[] = [];
  for (const [cpu, pids] of pidsByCpu) {
    const f = first.get(cpu)!;
    for (const pid of pids) out.push(processNote(pid, comms.get(pid)!, cpu, f.time, f.device));
  }
  return out;
}
