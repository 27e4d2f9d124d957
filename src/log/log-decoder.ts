// Frames → header, then events with their pages resolved. Checks what the CRC cannot: the
// header comes first and only first, each page key is defined once with page_size bytes and
// before its first use, and seqs run 0, 1, 2... without a gap. Every failure, whatever threw
// it, becomes a LogCorruptError at the offset of the record that is wrong.
import { LOG_FORMAT_VERSION, type LogHeader, type Recorded, type ZramEvent } from '../events/types';
import { PAGE_SIZE } from '../units';
import { LogCorruptError } from './errors';
import type { Frame, FrameScanner } from './frame-scanner';
import { decodeRecord, type LogItem } from './record-codec';

/** First byte of an encoded LogRecord holding an Event: field 3, wire type 2 (length-delimited). */
const EVENT_TAG = (3 << 3) | 2;

export class LogDecoder {
  readonly header: LogHeader;
  /** Page contents met so far, by key: the only memory that grows with the log. */
  readonly pages = new Map<number, Uint8Array>();
  /** Events read so far; the seq the next event must have. */
  events = 0;

  constructor(private readonly frames: FrameScanner, private readonly name: string) {
    const first = frames.next();
    if (first === null) throw new LogCorruptError(name, 0, 'a LogHeader record', 'an empty file');
    const item = this.decode(first);
    if (item.kind !== 'header') this.fail(first, 'a LogHeader as the first record', `a record of kind ${item.kind}`);
    this.header = item.header;
    if (this.header.formatVersion !== LOG_FORMAT_VERSION) {
      this.fail(first, `format_version ${LOG_FORMAT_VERSION}`, `format_version ${this.header.formatVersion}`);
    }
    if (this.header.pageSize !== PAGE_SIZE) this.fail(first, `page_size ${PAGE_SIZE}`, `page_size ${this.header.pageSize}`);
  }

  /** End of the last whole record read (where recovery would cut). */
  get offset(): number {
    return this.frames.offset;
  }

  /** The next event, or null at a clean end of the log. */
  next(): Recorded<ZramEvent> | null {
    for (;;) {
      const frame = this.frames.next();
      if (frame === null) return null;
      const item = this.decode(frame);
      if (item.kind === 'page') this.definePage(frame, item.key, item.data);
      else if (item.kind === 'header') this.fail(frame, 'a PageContent or Event record', 'a second LogHeader');
      else return this.checkSeq(frame, item.recorded);
    }
  }

  /** Moves past events until `n` have been read or the log ends, without decoding them: their
   * frames are still CRC-checked and page records still read (later events may use their keys).
   * A fold that starts from a snapshot at event n pays for a scan of the prefix, not for folding it. */
  skip(n: number): void {
    while (this.events < n) {
      const frame = this.frames.next();
      if (frame === null) return;
      if (frame.payload[0] === EVENT_TAG) { this.events++; continue; }
      const item = this.decode(frame);
      if (item.kind === 'page') this.definePage(frame, item.key, item.data);
      else if (item.kind === 'header') this.fail(frame, 'a PageContent or Event record', 'a second LogHeader');
      else this.checkSeq(frame, item.recorded);
    }
  }

  private decode(frame: Frame): LogItem {
    try {
      return decodeRecord(frame.payload, (key) => this.pages.get(key));
    } catch (e) {
      return this.fail(frame, 'a decodable LogRecord', e instanceof Error ? e.message : String(e));
    }
  }

  private definePage(frame: Frame, key: number, data: Uint8Array): void {
    if (this.pages.has(key)) this.fail(frame, 'a PageContent with a new key', `key ${key} defined again`);
    if (data.length !== this.header.pageSize) {
      this.fail(frame, `a PageContent of ${this.header.pageSize} bytes`, `${data.length} bytes (key ${key})`);
    }
    this.pages.set(key, data);
  }

  private checkSeq(frame: Frame, rec: Recorded<ZramEvent>): Recorded<ZramEvent> {
    if (rec.seq !== this.events) this.fail(frame, `event seq ${this.events}`, `seq ${rec.seq}`);
    this.events++;
    return rec;
  }

  private fail(frame: Frame, expected: string, found: string): never {
    throw new LogCorruptError(this.name, frame.offset, expected, found);
  }
}
