// The hand-written decoder's cursor over the canonical layout (see hot-decode.ts) and its
// PageContent reader. Apart from hot-decode.ts because it needs no proto enums: the compress-ahead
// worker, which reads only page records, loads this file and not protobufjs.

/** A PageContent: its key and where its bytes sit in the payload. */
export interface HotPage { readonly key: number; readonly dataAt: number; readonly dataLength: number }

const TAG_PAGE = (2 << 3) | 2;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** A cursor over one payload; `bad` is set on anything outside the canonical layout. */
export class Cursor {
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
  if (p[0] !== TAG_PAGE) return null; // an event record, most often: no cursor for it
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
