// Standard input for blkparse's pipe mode, read with a bound. blkparse sorts a pipe's records
// whole, so the bytes are kept, but reading stops where blkparse's reader would stop anyway:
// at a first record with no blktrace magic in either byte order (e.g. /dev/zero), or at two
// bad magics in a row (the second always ends an empty batch). More than `limit` bytes of
// valid records is refused with a message instead of growing without end.
import { BLK_IO_TRACE_MAGIC, V7_HEADER_SIZE } from '../blktrace/record';
import { readSomeSync } from '../blktrace/read';
import { BadInputError } from '../replay/bad-input';

const CHUNK = 1 << 20;

export interface PipeBytes {
  readonly bytes: Uint8Array;
  /** Why reading stopped before the end of input ('' at end of input). */
  readonly stopped: string;
}

const magicOf = (v: DataView, pos: number, le: boolean): boolean =>
  ((v.getUint32(pos, le) & 0xffffff00) >>> 0) === BLK_IO_TRACE_MAGIC;

export function readPipeBounded(fd: number, limit: number): PipeBytes {
  let buf = new Uint8Array(Math.min(CHUNK, limit));
  let len = 0;
  let pos = 0;         // start of the next record header not yet walked
  let le: boolean | null = null;
  let badRun = 0;
  for (;;) {
    if (len === buf.length) {
      if (buf.length >= limit) {
        const what = `-: standard input holds more than ${limit} bytes of trace`;
        throw new BadInputError(`${what}: give it as files (-i NAME)`);
      }
      const bigger = new Uint8Array(Math.min(limit, buf.length * 2));
      bigger.set(buf);
      buf = bigger;
    }
    const n = readSomeSync(fd, buf.subarray(len));
    if (n === 0) return { bytes: buf.subarray(0, len), stopped: '' };
    len += n;
    const v = new DataView(buf.buffer, 0, len);
    while (len - pos >= V7_HEADER_SIZE) {
      if (le === null) {
        if (magicOf(v, pos, true)) le = true;
        else if (magicOf(v, pos, false)) le = false;
        else return { bytes: buf.subarray(0, len), stopped: `no blktrace magic at byte ${pos}: not a blktrace stream` };
      }
      if (!magicOf(v, pos, le)) {
        if (++badRun === 2) {
          return { bytes: buf.subarray(0, len), stopped: `bad magic at bytes ${pos - V7_HEADER_SIZE} and ${pos}` };
        }
        pos += V7_HEADER_SIZE;
        continue;
      }
      const pdu = v.getUint16(pos + 46, le);
      if (len - pos < V7_HEADER_SIZE + pdu) break;
      badRun = 0;
      pos += V7_HEADER_SIZE + pdu;
    }
  }
}
