// Streaming decoder for blktrace record streams (blktrace.md §1, §7): push chunks, get records.
// Byte order comes from the first record's magic (native LE, else byte-swapped BE). Only an
// incomplete record is kept between chunks, so memory stays flat however long the trace is.
// Anomalies go to `stats`; a stream that cannot be resynchronised (bad magic) stops decoding.
import { addProblem, DecodeStats, emptyStats } from './decode-stats';
import { readHeader, HeaderView } from './header';
import { BLK_IO_TRACE_MAGIC, BlkRecord, isNotify } from './record';
import { checkPdu } from './pdu';
import { scanText, TextScan } from './ftrace-text';

const EMPTY = new Uint8Array(0);

export interface DecoderOptions {
  readonly stopOnBadVersion?: boolean;
  /** Only version 7 is supported (blkparse 1.2.0): v8 counts as a bad version, read as v7. */
  readonly v7Only?: boolean;
  readonly ftraceText?: 'skip' | 'stop';
}

export class BlkDecoder {
  readonly stats: DecodeStats = emptyStats();
  private buf: Uint8Array = EMPTY;
  private base = 0;                               // input offset of buf[0]
  private littleEndian: boolean | null = null;
  private stoppedAt: number | null = null;
  private readonly lastSeq = new Map<number, number>();

  /** stopOnBadVersion: blkparse file mode abandons a file at the first unsupported version;
   * otherwise such records are skipped by their pdu_len (blkparse pipe mode). */
  /** ftraceText 'stop': treat ftrace text like any other bad magic (what blkparse does). */
  constructor(readonly source = '-', private readonly opts: DecoderOptions = {}) {}

  get stopped(): boolean {
    return this.stoppedAt !== null;
  }

  /** Byte order of the stream once known: 'le' | 'be' | null. */
  get byteOrder(): 'le' | 'be' | null {
    return this.littleEndian === null ? null : this.littleEndian ? 'le' : 'be';
  }

  /** Decodes what `chunk` completes; appends records to `out` and returns it. */
  push(chunk: Uint8Array, out: BlkRecord[] = []): BlkRecord[] {
    if (this.stopped) return out;
    this.buf = this.buf.length === 0 ? chunk : concat(this.buf, chunk);
    const used = this.parse(out);
    this.base += used;
    this.buf = used >= this.buf.length ? EMPTY : this.buf.slice(used);
    return out;
  }

  /** End of input: an incomplete record left over is a truncated tail. */
  end(out: BlkRecord[] = []): BlkRecord[] {
    if (!this.stopped && this.buf.length > 0) {
      this.stats.truncatedTail += this.buf.length;
      addProblem(this.stats, { source: this.source, offset: this.base,
        message: `truncated record: ${this.buf.length} bytes left at end of input, ${this.missing()}` });
    }
    this.buf = EMPTY;
    return out;
  }

  private missing(): string {
    const h = this.littleEndian === null ? null : readHeader(this.buf, 0, this.littleEndian);
    if (h === null || h === 'short') return 'expected a complete 48-byte record header';
    return `expected ${h.headerSize + h.pduLen} bytes (header ${h.headerSize} + pdu_len ${h.pduLen})`;
  }

  private stop(offset: number, message: string): number {
    this.stoppedAt = offset;
    addProblem(this.stats, { source: this.source, offset, message });
    return this.buf.length;
  }

  /** Returns the number of bytes consumed from this.buf. */
  private parse(out: BlkRecord[]): number {
    const b = this.buf;
    let pos = 0;
    while (pos < b.length) {
      const text = this.opts.ftraceText === 'stop' ? null : scanText(b, pos, this.base + pos === 0);
      if (text !== null) {
        if (text === 'incomplete') return pos;
        pos = this.onText(text, pos);
        continue;
      }
      if (this.littleEndian === null && !this.detectOrder(b, pos)) {
        if (b.length - pos < 4) return pos;
        this.stats.badMagic++;
        return this.stop(this.base + pos, `not a blktrace stream: first word ${hex32(b, pos)}, ` +
          `expected the magic 0x654174xx (either byte order)`);
      }
      const h = readHeader(b, pos, this.littleEndian as boolean, this.opts.v7Only);
      if (h === 'short') return pos;
      if ((h.magic & 0xffffff00) >>> 0 !== BLK_IO_TRACE_MAGIC) {
        this.stats.badMagic++;
        return this.stop(this.base + pos, `bad magic 0x${h.magic.toString(16)}, expected 0x654174xx`);
      }
      const end = pos + h.headerSize + h.pduLen;
      if (end > b.length) return pos;
      this.onRecord(h, b, pos, out);
      if (this.stopped) return b.length;
      pos = end;
    }
    return pos;
  }

  private onText(t: Exclude<TextScan, 'incomplete'>, pos: number): number {
    if (t.kind === 'lost') {
      this.stats.lostMarkers++;
      this.stats.lostEvents += t.lost;
      addProblem(this.stats, { source: this.source, offset: this.base + pos,
        message: `ftrace marker: CPU ${t.cpu} lost ${t.lost} events` });
    } else {
      this.stats.textHeaders++;
    }
    return pos + t.length;
  }

  private detectOrder(b: Uint8Array, pos: number): boolean {
    if (b.length - pos < 4) return false;
    const le = (b[pos] | (b[pos + 1] << 8) | (b[pos + 2] << 16) | (b[pos + 3] << 24)) >>> 0;
    const be = (b[pos + 3] | (b[pos + 2] << 8) | (b[pos + 1] << 16) | (b[pos] << 24)) >>> 0;
    if ((le & 0xffffff00) >>> 0 === BLK_IO_TRACE_MAGIC) this.littleEndian = true;
    else if ((be & 0xffffff00) >>> 0 === BLK_IO_TRACE_MAGIC) this.littleEndian = false;
    return this.littleEndian !== null;
  }

  private onRecord(h: HeaderView, b: Uint8Array, pos: number, out: BlkRecord[]): void {
    const version = h.magic & 0xff;
    if (version !== 7 && (version !== 8 || this.opts.v7Only)) {
      this.stats.badVersion++;
      const what = `unsupported trace version ${version}, expected 7 or 8`;
      if (this.opts.stopOnBadVersion) this.stop(this.base + pos, `${what}; input abandoned`);
      else addProblem(this.stats, { source: this.source, offset: this.base + pos, message: `${what}; record skipped` });
      return;
    }
    const start = pos + h.headerSize;
    const pdu = h.pduLen === 0 ? EMPTY : b.slice(start, start + h.pduLen);
    const r: BlkRecord = { version, sequence: h.sequence, time: h.time, sector: h.sector, bytes: h.bytes,
      action: h.action, actionHigh: h.actionHigh, pid: h.pid, device: h.device, cpu: h.cpu,
      error: h.error, pdu, offset: this.base + pos };
    this.stats.records++;
    if (isNotify(r)) this.stats.notes++;
    else this.checkSequence(r);
    const bad = checkPdu(r);
    if (bad !== null) {
      this.stats.badPdu++;
      addProblem(this.stats, { source: this.source, offset: r.offset, message: bad });
    }
    out.push(r);
  }

  private checkSequence(r: BlkRecord): void {
    if (r.sequence === 0) return; // ftrace-made traces carry 0 everywhere
    const last = this.lastSeq.get(r.cpu);
    if (last !== undefined && r.sequence > last + 1) this.stats.seqGaps += r.sequence - last - 1;
    this.lastSeq.set(r.cpu, r.sequence);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const c = new Uint8Array(a.length + b.length);
  c.set(a, 0);
  c.set(b, a.length);
  return c;
}

function hex32(b: Uint8Array, pos: number): string {
  return Array.from(b.subarray(pos, pos + 4), (x) => x.toString(16).padStart(2, '0')).join(' ');
}

/** Decodes a whole buffer at once. */
export function decodeAll(bytes: Uint8Array, source = '-'): { records: BlkRecord[]; stats: DecodeStats } {
  const d = new BlkDecoder(source);
  const records = d.push(bytes);
  d.end(records);
  return { records, stats: d.stats };
}
