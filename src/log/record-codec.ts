// LogRecord bytes ↔ log items. Events and headers go through the pure codec (src/events);
// this adds the envelope and page records. Page bytes are a view into the payload (the reader's
// chunk buffer, which is reused): the caller copies what it keeps. The records met once per page
// take a hand-written path (src/events/hot-decode.ts) that gives the same items.
import { zram_ref } from '../../proto/gen/zram';
import { decodeEvent, decodeHeader, encodeEvent, encodeHeader, type ResolvePage } from '../events/codec';
import { hotEvent, hotPage } from '../events/hot-decode';
import { u64FromProto } from '../events/proto-ints';
import type { LogHeader, Recorded, ZramEvent } from '../events/types';

const LogRecord = zram_ref.v1.LogRecord;

export type LogItem =
  | { readonly kind: 'header'; readonly header: LogHeader }
  | { readonly kind: 'page'; readonly key: number; readonly data: Uint8Array } // data: a view into the payload
  | { readonly kind: 'event'; readonly recorded: Recorded<ZramEvent> };

export const encodeHeaderRecord = (h: LogHeader): Uint8Array => LogRecord.encode({ header: encodeHeader(h) }).finish();

export function encodePageRecord(key: number, data: Uint8Array): Uint8Array {
  // protobufjs writes Buffer bytes fields several times faster than plain Uint8Arrays.
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.length);
  return LogRecord.encode({ pageContent: { key, data: buf } }).finish();
}

export const encodeEventRecord = (rec: Recorded<ZramEvent>): Uint8Array =>
  LogRecord.encode({ event: encodeEvent(rec) }).finish();

/** Decodes one record. Throws (any error type) on bytes that are not a valid record; the
 * caller turns that into a LogCorruptError with the record's offset. */
export function decodeRecord(payload: Uint8Array, resolve: ResolvePage): LogItem {
  const page = hotPage(payload);
  if (page) return { kind: 'page', key: page.key, data: payload.subarray(page.dataAt, page.dataAt + page.dataLength) };
  const recorded = hotEvent(payload, resolve);
  if (recorded) return { kind: 'event', recorded };
  const m = LogRecord.decode(payload);
  switch (m.record) {
    case 'header':
      return { kind: 'header', header: decodeHeader(m.header!) };
    case 'pageContent': {
      const p = m.pageContent!;
      return { kind: 'page', key: u64FromProto(p.key, 'PageContent.key'), data: p.data ?? new Uint8Array(0) };
    }
    case 'event':
      return { kind: 'event', recorded: decodeEvent(m.event!, resolve) };
    default:
      throw new RangeError('LogRecord has none of header, page_content, event');
  }
}
