// write() of one 4 KiB page, one bio, the common case of the ZramDevice API, without the
// per-page costs of the general path: the fold reads the caller's bytes directly (it is
// synchronous and keeps no reference to them unless it needs a copy), the page is compressed
// into an arena, and the write is logged compactly (event-log.ts).
import type { CompAlgorithm, CompParams } from '../compress/types';
import { ZramError } from '../errors';
import { stagePage } from '../compress/wasm/module';
import type { PagePayload, ZramEvent } from '../events/types';
import { PAGE_SIZE, SECTOR_SIZE, bytes, nanos, sector, type Nanos, type PageIndex } from '../units';
import { deviceParams, paramsKey, type Precompressed } from './compress-page';
import { EventLog, PageForm, type Codec } from './event-log';
import { evolve } from './evolve';
import type { MetaLifetime } from './lifetime/types';
import type { Outcome } from './outcome';
import { PageArena } from './page-arena';
import { SlotFlag, getSlotData, getSlotElementHi, getSlotElementLo, testSlotFlag } from './slots';
import type { BioQueued, DeviceState } from './state';

/** A codec with what it was made from: the backend, live level and setup params it depends on. */
interface KeyedCodec extends Codec {
  readonly key: string;
  readonly alg: CompAlgorithm;
  readonly level: number | null;
  readonly init: CompParams;
}

/** comp_len and the compressed bytes; `kept`: the bytes never change and the device may keep
 * them as they are (else it copies them during the call). */
export interface CompressedElsewhere { readonly len: number; readonly bytes: Uint8Array; readonly kept?: boolean }
/** The page being written compressed elsewhere (a pipelined writer's worker), if it was, with
 * this backend and params key. */
export type CompressSource = (alg: CompAlgorithm, paramsKey: string) => CompressedElsewhere | undefined;
const NO_BYTES = new Uint8Array(0);

export class PageWriter {
  /** The page being folded now, which the memo's `ahead` hook compresses (compressPending). */
  private pending: Uint8Array | null = null;
  private pendingKey = 0;
  private lastCodec: KeyedCodec | null = null;
  private readonly scratch = new Uint8Array(2 * PAGE_SIZE); // zcomp's stream buffer
  /** What write() hands to evolve(), which reads them during the call and keeps none of them. */
  private readonly completed = { type: 'BioCompleted' as const, bioId: 0 };
  private readonly rec: { seq: number; ts: Nanos; event: ZramEvent } = { seq: 0, ts: nanos(0), event: this.completed };
  /** Asked first for the page being written; whatever it does not have is compressed here. */
  source: CompressSource | null = null;

  /** copyPages: the log keeps its own copy of each page (the slot holds the caller's page with
   * payload 'original', or the compressors are not the kernel-exact ones the log may decompress
   * with). Otherwise the writer compresses through the state's memo hook. */
  constructor(private readonly s: DeviceState, private readonly lt: MetaLifetime, private readonly log: EventLog,
    readonly arena: PageArena, private readonly copyPages: boolean) {
    if (!copyPages) s.memo.ahead = (key) => (key === this.pendingKey ? this.compressPending() : undefined);
  }

  /** Folds BioQueued + BioCompleted for `src` at `offset` (checked by the caller); throws EIO. */
  write(offset: number, src: Uint8Array, key: number, bioId: number): number {
    const page = src.length === PAGE_SIZE ? src : src.subarray(0, PAGE_SIZE);
    // Staged in the compressor's input region when this device compresses it: the same-filled
    // check then reads it there, in cache, and the compressor needs no copy of its own. The
    // staged bytes last until the next compressor call, the one on this page; what the fold
    // keeps of a page it copies (a huge page's raw copy, the log's), and a pipelined writer's
    // pages are compressed elsewhere, so those are not staged.
    const data = this.copyPages ? this.arena.copyPage(page, 0) : this.source === null ? stagePage(page) : page;
    const pages: PagePayload[] = [{ key, data }];
    const queued: BioQueued = { type: 'BioQueued', bioId, op: 'write', sector: sector(offset / SECTOR_SIZE),
      bytes: bytes(PAGE_SIZE), context: 'process', pages };
    const seq = this.log.length;
    const rec = this.rec;
    rec.seq = seq;
    rec.event = queued;
    const q = evolve(this.s, this.lt, rec);
    rec.event = this.completed; // holds no caller page between calls
    const done = !(q.kind === 'bio' && q.errno !== null);
    let c: Outcome = q;
    if (done) {
      this.pending = data;
      this.pendingKey = key;
      try {
        this.completed.bioId = bioId;
        rec.seq = seq + 1;
        c = evolve(this.s, this.lt, rec);
      } finally {
        this.pending = null;
        this.pendingKey = 0;
      }
    }
    if (done && c.kind === 'bio' && c.errno === null) {
      this.logWrite(bioId, offset, key, data);
      return PAGE_SIZE;
    }
    // Anything else is rare: the log keeps the events with a stable copy of the page, and so
    // does a bio left in flight (its page may be the staged one).
    const stable = this.copyPages ? data : this.arena.copyPage(src, 0);
    pages[0] = { key, data: stable };
    this.log.push({ seq, ts: nanos(0), event: { ...queued, pages: [{ key, data: stable }] } });
    if (done) this.log.push({ seq: seq + 1, ts: nanos(0), event: { type: 'BioCompleted', bioId } });
    if (c.kind !== 'bio') throw new Error(`bio ${bioId}: unexpected outcome ${c.kind}`);
    throw new ZramError('EIO', `write of ${PAGE_SIZE} bytes at ${offset} failed`);
  }

  /** The written page as the slot now holds it: same-filled element, raw page or compressed object. */
  private logWrite(bioId: number, offset: number, key: number, data: Uint8Array): void {
    const t = this.s.slots!;
    const i = offset / PAGE_SIZE as PageIndex;
    if (testSlotFlag(t, i, SlotFlag.SAME)) {
      const lo = getSlotElementLo(t, i), hi = getSlotElementHi(t, i);
      this.log.pushWrite(bioId, offset, key, PageForm.SAME, lo, hi, null, null);
      return;
    }
    const obj = getSlotData(t, i);
    if (this.copyPages || obj === undefined) {
      const page = this.copyPages ? data : this.arena.copyPage(data, 0); // with copyPages, data is a copy
      this.log.pushWrite(bioId, offset, key, PageForm.RAW, 0, 0, page, null);
    } else if (testSlotFlag(t, i, SlotFlag.HUGE)) {
      this.log.pushWrite(bioId, offset, key, PageForm.RAW, 0, 0, obj, null);
    } else {
      this.log.pushWrite(bioId, offset, key, PageForm.COMPRESSED, 0, 0, obj, this.codec());
    }
  }

  /** The backend and params pages are compressed with now (shared by consecutive writes):
   * deviceParams() reads the algorithm, the live level and the setup params, nothing else. */
  private codec(): KeyedCodec {
    const s = this.s, last = this.lastCodec;
    if (last?.alg === s.compAlgorithm && last.level === s.level && last.init === s.initParams) return last;
    const c = s.deps.compressor(s.compAlgorithm);
    const params = deviceParams(s);
    return (this.lastCodec = { c, params, key: paramsKey(c, params), alg: s.compAlgorithm, level: s.level,
      init: s.initParams });
  }

  /** zcomp_compress() of the page being written, as compressPage() would run it, but into the
   * arena (one allocation per 4 MiB instead of an ArrayBuffer per page): the object is kept for
   * good anyway, by the slot and then by the log. The block is copied once, from the backend's
   * own buffer where it has one. A huge page's object is never stored (the slot keeps the page
   * raw), so it stays where it was compressed, as zcomp's does. */
  private compressPending(): Precompressed | undefined {
    if (this.pending === null) return undefined;
    const { c, params, key } = this.codec();
    const pre = this.source?.(c.name, key);
    let len: number, obj: Uint8Array;
    if (pre) {
      len = pre.len; obj = pre.bytes;
    } else if (c.compressTransient) {
      const block = c.compressTransient(this.pending, params);
      len = block === null ? -1 : block.length; obj = block ?? NO_BYTES;
    } else {
      len = c.compress(this.pending, this.scratch, params); obj = this.scratch;
    }
    if (len <= 0) return { alg: c.name, paramsKey: key, len, bytes: NO_BYTES };
    const block = obj.length === len ? obj : obj.subarray(0, len);
    if (pre?.kept) return { alg: c.name, paramsKey: key, len, bytes: block };
    if (len < this.s.hugeClassSize) return { alg: c.name, paramsKey: key, len, bytes: this.arena.copy(block) };
    if (!pre) return { alg: c.name, paramsKey: key, len, bytes: block };
    this.scratch.set(block); // the worker reuses its buffer
    return { alg: c.name, paramsKey: key, len, bytes: this.scratch.subarray(0, len) };
  }
}
