// Decoded events in shared memory: a run of a log's events, already decoded, packed into one
// SharedArrayBuffer that any number of threads read without a copy (compare decodes its log
// once and every configuration's fold reads these chunks). The page contents the events use sit
// in the chunk once each, and readers get views of them, not copies: a fold that keeps a page
// (payload 'original') keeps the chunk alive, as a decoder's slab is kept by its pages.
//
//   [Int32: events, pages, words, rare bytes][Float64 x words][pages x page size][rare bytes]
//
// Words: the first event's seq, then per event BioCompleted [1, ts, bioId]; BioQueued
// [2, ts, bioId, op, sector, bytes, context, n, (key, page)*n] (op and context as their proto
// numbers); any other event [3, at, length]: its log record (record-codec) in the rare bytes,
// decoded again by the reader (they are few).
import { bioOpEnum, ioContextEnum } from '../events/proto-enums';
import type { PagePayload, Recorded, ZramEvent } from '../events/types';
import { bytes, nanos, sector } from '../units';
import { decodeRecord, encodeEventRecord } from './record-codec';

const HEAD = 16;
const COMPLETED = 1, QUEUED = 2, RARE = 3;

/** Chunk bounds: distinct pages (the unit a kept page holds alive), events, and rare bytes. */
export const CHUNK_PAGES = 64;
const CHUNK_EVENTS = 1024;
const CHUNK_RARE_BYTES = 1 << 18;

/** Gathers events until a chunk is full; `take()` packs them. */
export class ChunkPacker {
  private events: Recorded<ZramEvent>[] = [];
  private pages = new Map<number, Uint8Array>();
  private rare: Uint8Array[] = [];
  private rareBytes = 0;
  private words = 1;

  constructor(private readonly pageSize: number) {}

  /** Whether `r` fits in the current chunk (an empty chunk takes anything). */
  fits(r: Recorded<ZramEvent>): boolean {
    if (this.events.length === 0) return true;
    if (this.events.length >= CHUNK_EVENTS || this.rareBytes >= CHUNK_RARE_BYTES) return false;
    const e = r.event;
    return e.type !== 'BioQueued' || this.pages.size + e.pages.length <= CHUNK_PAGES;
  }

  add(r: Recorded<ZramEvent>): void {
    const e = r.event;
    this.events.push(r);
    if (e.type === 'BioCompleted') this.words += 3;
    else if (e.type === 'BioQueued') {
      this.words += 8 + 2 * e.pages.length;
      for (const p of e.pages) if (!this.pages.has(p.key)) this.pages.set(p.key, p.data);
    } else {
      const b = encodeEventRecord(r);
      this.rare.push(b);
      this.rareBytes += b.length;
      this.words += 3;
    }
  }

  get size(): number {
    return this.events.length;
  }

  /** The gathered events as one chunk; the packer starts a new one. */
  take(): SharedArrayBuffer {
    const ps = this.pageSize;
    const pagesAt = HEAD + 8 * this.words;
    const rareAt = pagesAt + ps * this.pages.size;
    const sab = new SharedArrayBuffer(rareAt + this.rareBytes);
    new Int32Array(sab, 0, 4).set([this.events.length, this.pages.size, this.words, this.rareBytes]);
    const w = new Float64Array(sab, HEAD, this.words);
    const u8 = new Uint8Array(sab);
    const slot = new Map<number, number>();
    for (const [key, data] of this.pages) { u8.set(data, pagesAt + ps * slot.size); slot.set(key, slot.size); }
    let at = 0, rare = 0, i = 0;
    w[i++] = this.events.length ? this.events[0].seq : 0;
    for (const r of this.events) {
      const e = r.event;
      if (e.type === 'BioCompleted') { w[i++] = COMPLETED; w[i++] = r.ts; w[i++] = e.bioId; continue; }
      if (e.type === 'BioQueued') {
        w[i++] = QUEUED; w[i++] = r.ts; w[i++] = e.bioId; w[i++] = bioOpEnum.toProto(e.op)!; w[i++] = e.sector;
        w[i++] = e.bytes; w[i++] = ioContextEnum.toProto(e.context)!; w[i++] = e.pages.length;
        for (const p of e.pages) { w[i++] = p.key; w[i++] = slot.get(p.key)!; }
        continue;
      }
      const b = this.rare[rare++];
      u8.set(b, rareAt + at);
      w[i++] = RARE; w[i++] = at; w[i++] = b.length;
      at += b.length;
    }
    this.events = []; this.pages = new Map(); this.rare = []; this.rareBytes = 0; this.words = 1;
    return sab;
  }
}

/** The events of a chunk, in order, with page data as views into it (one view per page). */
export function* unpackChunk(sab: SharedArrayBuffer, pageSize: number): Generator<Recorded<ZramEvent>> {
  const [events, pages, words] = new Int32Array(sab, 0, 4);
  const w = new Float64Array(sab, HEAD, words);
  const pagesAt = HEAD + 8 * words;
  const rareAt = pagesAt + pageSize * pages;
  const views = new Array<Uint8Array | undefined>(pages);
  let seq = w[0];
  for (let n = 0, i = 1; n < events; n++, seq++) {
    const type = w[i];
    const ts = nanos(w[i + 1]);
    if (type === COMPLETED) {
      yield { seq, ts, event: { type: 'BioCompleted', bioId: w[i + 2] } };
      i += 3;
    } else if (type === QUEUED) {
      const count = w[i + 7];
      const ps: PagePayload[] = new Array(count);
      for (let k = 0, j = i + 8; k < count; k++, j += 2) {
        const s = w[j + 1];
        ps[k] = { key: w[j], data: views[s] ??= new Uint8Array(sab, pagesAt + pageSize * s, pageSize) };
      }
      yield { seq, ts, event: { type: 'BioQueued', bioId: w[i + 2], op: bioOpEnum.fromProto(w[i + 3])!,
        sector: sector(w[i + 4]), bytes: bytes(w[i + 5]), context: ioContextEnum.fromProto(w[i + 6])!, pages: ps } };
      i += 8 + 2 * count;
    } else {
      const item = decodeRecord(new Uint8Array(sab, rareAt + w[i + 1], w[i + 2]), () => undefined);
      if (item.kind !== 'event') throw new Error('shared chunk: a rare record that is not an event');
      yield item.recorded;
      i += 3;
    }
  }
}
