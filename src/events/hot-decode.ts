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
import { Cursor } from './hot-page';

export { hotPage, type HotPage } from './hot-page';

const TAG_EVENT = (3 << 3) | 2;
const TAG_BIO_QUEUED = (8 << 3) | 2, TAG_BIO_COMPLETED = (9 << 3) | 2;

/** An Event record holding a BioQueued or BioCompleted, or null (see the file comment; also
 * for a page key with no content, so the generic decoder words that error). */
export function hotEvent(p: Uint8Array, resolve: ResolvePage): Recorded<ZramEvent> | null {
  if (p[0] !== TAG_EVENT) return null;
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
