// blkparse pipe mode's reader (read_events), reproduced on an in-memory input for exact output:
// - 512 stream records per batch; notes (other than MESSAGE) are handled and not counted;
// - byte order is looked for on each record until found: a record without the magic in either
//   order ends the batch (blkparse reads 48 bytes, gives up on them, and carries on after them);
// - a bad magic ends the batch too, after consuming its 48 header bytes; a version other than 7
//   is dropped (its pdu_len still read at the v7 offset); an incomplete record at EOF ends input;
// - an empty batch ends the run (blkparse's do_pipe loop stops at the first 0-event read).
import { BLK_IO_TRACE_MAGIC, BLK_TN_MESSAGE, BlkRecord, isNotify, V7_HEADER_SIZE } from './record';
import { readHeader } from './header';
import { RB_BATCH_DEFAULT } from './merge';

export interface PipeRead {
  readonly batches: BlkRecord[][];
  /** The same batches with the notes read during each (a last one may hold only notes). */
  readonly withNotes: { notes: BlkRecord[]; events: BlkRecord[] }[];
  readonly littleEndian: boolean;
  readonly complaints: string[]; // what blkparse prints on stderr ("Bad magic ...")
}

function detect(b: Uint8Array, pos: number): boolean | null {
  const le = (b[pos] | (b[pos + 1] << 8) | (b[pos + 2] << 16) | (b[pos + 3] << 24)) >>> 0;
  if ((le & 0xffffff00) >>> 0 === BLK_IO_TRACE_MAGIC) return true;
  const be = (b[pos + 3] | (b[pos + 2] << 8) | (b[pos + 1] << 16) | (b[pos] << 24)) >>> 0;
  return (be & 0xffffff00) >>> 0 === BLK_IO_TRACE_MAGIC ? false : null;
}

export function readPipeBatches(b: Uint8Array, onNote: (r: BlkRecord, le: boolean) => void,
  batch = RB_BATCH_DEFAULT): PipeRead {
  const batches: BlkRecord[][] = [];
  const withNotes: { notes: BlkRecord[]; events: BlkRecord[] }[] = [];
  const complaints: string[] = [];
  let pos = 0;
  let le: boolean | null = null;
  for (;;) {
    const events: BlkRecord[] = [];
    const notes: BlkRecord[] = [];
    while (events.length < batch) {
      if (b.length - pos < V7_HEADER_SIZE) { pos = b.length; break; }
      const at = pos;
      pos += V7_HEADER_SIZE;
      if (le === null && (le = detect(b, at)) === null) break;
      const h = readHeader(b, at, le, true);
      if (h === 'short') break;
      if ((h.magic & 0xffffff00) >>> 0 !== BLK_IO_TRACE_MAGIC) { complaints.push(`Bad magic ${h.magic.toString(16)}`); break; }
      if (b.length - pos < h.pduLen) { pos = b.length; break; }
      const pdu = b.slice(pos, pos + h.pduLen);
      pos += h.pduLen;
      if ((h.magic & 0xff) !== 7) { complaints.push(`unsupported trace version ${(h.magic & 0xff).toString(16)}`); continue; }
      const r: BlkRecord = { version: 7, sequence: h.sequence, time: h.time, sector: h.sector, bytes: h.bytes,
        action: h.action, actionHigh: 0, pid: h.pid, device: h.device, cpu: h.cpu, error: h.error, pdu, offset: at };
      if (isNotify(r) && r.action !== BLK_TN_MESSAGE) { onNote(r, le); notes.push(r); continue; }
      events.push(r);
    }
    withNotes.push({ notes, events });
    if (events.length === 0) break;
    batches.push(events);
  }
  return { batches, withNotes, littleEndian: le ?? true, complaints };
}
