// A ZramDevice's own log, stored compactly. Most of a device's events are one-page writes
// (BioQueued + BioCompleted); for those it keeps a few numbers and a reference to bytes the fold
// already holds (the slot's compressed object or raw copy, or the same-filled element) instead
// of a 4 KiB copy and four objects per write. toArray() rebuilds the very events that were
// folded: a compressed page is decompressed with the backend and params it was compressed with.
import type { CompParams, Compressor } from '../compress/types';
import type { PagePayload, Recorded, ZramEvent } from '../events/types';
import { PAGE_SIZE, SECTOR_SIZE, bytes, nanos, sector } from '../units';
import { fillPage } from './same-filled';

/** How a logged write's page is kept. */
export const PageForm = { RAW: 0, COMPRESSED: 1, SAME: 2 } as const;
export type PageForm = (typeof PageForm)[keyof typeof PageForm];

export interface Codec { readonly c: Compressor; readonly params: CompParams }

/** Numbers per write record. */
const W = 5;

function growF64(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

export class EventLog {
  /** One entry per event: a Recorded event, or a write record number w (BioQueued: w,
   * BioCompleted: ~w). Small integers cost no allocation. */
  private readonly entries: (Recorded<ZramEvent> | number)[] = [];
  private n = 0; // write records
  private num: Float64Array = new Float64Array(W * 1024); // per record: bioId, byte offset, page key, element lo, hi
  private readonly form: PageForm[] = [];
  private readonly data: (Uint8Array | Codec | null)[] = []; // per record: bytes, then codec (or null)

  get length(): number { return this.entries.length; }

  push(r: Recorded<ZramEvent>): void { this.entries.push(r); }

  /** A one-page write bio that queued and completed. `lo`, `hi`: the same-filled element
   * (SAME); `bytes`: the page (RAW) or its compressed object (COMPRESSED). */
  pushWrite(bioId: number, offset: number, key: number, form: PageForm, lo: number, hi: number,
    bytes_: Uint8Array | null, codec: Codec | null): void {
    const w = this.n++;
    if (W * this.n > this.num.length) this.num = growF64(this.num);
    const at = W * w;
    this.num[at] = bioId;
    this.num[at + 1] = offset;
    this.num[at + 2] = key;
    this.num[at + 3] = lo;
    this.num[at + 4] = hi;
    this.form.push(form);
    this.data.push(bytes_, codec);
    this.entries.push(w, ~w);
  }

  /** The events, as folded. */
  toArray(): Recorded<ZramEvent>[] {
    const out: Recorded<ZramEvent>[] = new Array(this.entries.length);
    for (let seq = 0; seq < this.entries.length; seq++) {
      const e = this.entries[seq];
      if (typeof e !== 'number') { out[seq] = e; continue; }
      const event: ZramEvent = e >= 0 ? this.queued(e) : { type: 'BioCompleted', bioId: this.num[W * ~e] };
      out[seq] = { seq, ts: nanos(0), event };
    }
    return out;
  }

  private queued(w: number): ZramEvent {
    const offset = this.num[W * w + 1];
    return { type: 'BioQueued', bioId: this.num[W * w], op: 'write', sector: sector(offset / SECTOR_SIZE),
      bytes: bytes(PAGE_SIZE), context: 'process', pages: [this.page(w)] };
  }

  private page(w: number): PagePayload {
    const key = this.num[W * w + 2];
    const form = this.form[w];
    const src = this.data[2 * w] as Uint8Array | null;
    if (form === PageForm.RAW) return { key, data: src! };
    const data = new Uint8Array(PAGE_SIZE);
    if (form === PageForm.SAME) {
      fillPage(data, this.num[W * w + 3], this.num[W * w + 4]);
    } else {
      const { c, params } = this.data[2 * w + 1] as Codec;
      if (c.decompress(src!, data, params) !== PAGE_SIZE) {
        throw new Error(`event log: page ${key} does not decompress with ${c.name}`);
      }
    }
    return { key, data };
  }
}
