// A hand-written decoder for the records a replay meets per page: PageContent, and Events holding
// BioQueued or BioCompleted. It reads only the canonical layout a writer emits (each field at
// most once, in field-number order, zero values left out, page keys packed); anything else
// (other events, unknown fields, an unknown enum value, a 64-bit value past 2^53, damage) gives
// null and the caller decodes the record generically, so what it returns always equals what
// decodeRecord/decodeEvent return for the same bytes. Generic protobuf decoding was the
// largest cost of reading a log after compression.
import { bytes, nanos, sector } from '../units';
import { bioOpEnum, ioContextEnum } from './proto-enums';
import type { PagePayload, Recorded, ZramEvent } from './types';
import type { ResolvePage } from './event-decode';

/** A PageContent: its key and where its bytes sit in the payload. */
export interface HotPage { readonly key: number; readonly dataAt: number; readonly dataLength: number }

const TAG_PAGE = (2 << 3) | 2, TAG_EVENT = (3 << 3) | 2;
const TAG_BIO_QUEUED = (8 << 3) | 2, TAG_BIO_COMPLETED = (9 << 3) | 2;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** A cursor over one payload; `bad` is set on anything outside the canonical layout. */
class Cursor {
  pos: number;
  bad = false;
  constructor(readonly b: Uint8Array, start: number, public end: number) { this.pos = start; }

  /** An unsigned varint as a safe integer (bad past 2^53 or past the end). */
  varint(): number {
    let v = 0, mul = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.end) { this.bad = true; return 0; }
      const x = this.b[this.pos++];
      v += (x & 0x7f) * mul;
      if (x < 0x80) { if (v > MAX_SAFE) this.bad = true; return v; }
      mul *= 128;
    }
    this.bad = true; // 9- and 10-byte varints are past 2^56: let the generic decoder judge
    return 0;
  }

  /** The next tag if it is `tag` (consumed), else false (nothing consumed). */
  at(tag: number): boolean {
    if (this.pos < this.end && this.b[this.pos] === tag) { this.pos++; return true; }
    return false;
  }

  /** A length-delimited field's body: [pos, returned end). */
  sub(): number {
    const n = this.varint();
    const end = this.pos + n;
    if (end > this.end) this.bad = true;
    return end;
  }

  /** An optional varint field with this tag (0 when absent, as proto3 reads it). */
  field(tag: number): number {
    return this.at(tag) ? this.varint() : 0;
  }
}

/** A PageContent record, or null when the record is not one in canonical layout. */
export function hotPage(p: Uint8Array): HotPage | null {
  const c = new Cursor(p, 0, p.length);
  if (!c.at(TAG_PAGE)) return null;
  const end = c.sub();
  if (c.bad || end !== p.length) return null;
  c.end = end;
  const key = c.field(1 << 3);
  let dataAt = c.pos, dataLength = 0;
  if (c.at((2 << 3) | 2)) { const e = c.sub(); dataAt = c.pos; dataLength = e - c.pos; c.pos = e; }
  return c.bad || c.pos !== end ? null : { key, dataAt, dataLength };
}

/** An Event record holding a BioQueued or BioCompleted, or null (see the file comment; also
 * for a page key with no content, so the generic decoder words that error). */
export function hotEvent(p: Uint8Array, resolve: ResolvePage): Recorded<ZramEvent> | null {
  const c = new Cursor(p, 0, p.length);
  if (!c.at(TAG_EVENT)) return null;
  const end = c.sub();
  if (c.bad || end !== p.length) return null;
  const seq = c.field(1 << 3);
  const ts = c.field(2 << 3);
  let event: ZramEvent | null = null;
  if (c.at(TAG_BIO_COMPLETED)) {
    c.end = c.sub();
    const bioId = c.field(1 << 3);
    if (!c.bad && c.pos === c.end) event = { type: 'BioCompleted', bioId };
  } else if (c.at(TAG_BIO_QUEUED)) {
    c.end = c.sub();
    event = bioQueued(c, resolve);
  }
  return event === null || c.bad || c.pos !== end ? null : { seq, ts: nanos(ts), event };
}

function bioQueued(c: Cursor, resolve: ResolvePage): ZramEvent | null {
  const bioId = c.field(1 << 3);
  const op = bioOpEnum.fromProto(c.field(2 << 3));
  const sec = c.field(3 << 3);
  const len = c.field(4 << 3);
  const context = ioContextEnum.fromProto(c.field(5 << 3));
  const keys: number[] = [];
  if (c.at((6 << 3) | 2)) {
    const e = c.sub();
    const outer = c.end;
    c.end = e;
    while (c.pos < e && !c.bad) keys.push(c.varint());
    c.end = outer;
  }
  if (c.bad || c.pos !== c.end || op === undefined || context === undefined) return null;
  const pages: PagePayload[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const data = resolve(keys[i]);
    if (data === undefined) return null;
    pages[i] = { key: keys[i], data };
  }
  return { type: 'BioQueued', bioId, op, sector: sector(sec), bytes: bytes(len), context, pages };
}
