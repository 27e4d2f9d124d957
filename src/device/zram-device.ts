// ZramDevice: a fresh /dev/zramN with its sysfs directory, in memory, with Linux 6.18 semantics.
// Every call appends events to the device's log and folds them; folding the same log into a new
// device gives the same state and texts.
import { KERNEL_CONFIGS, isKernelConfig, type KernelConfig } from '../compress/profile';
import { ZramError } from '../errors';
import type { BioOp, PagePayload, Recorded, StoreAttr, ZramEvent } from '../events/types';
import { PAGE_SIZE, SECTOR_SIZE, bytes, nanos, sector } from '../units';
import type { ZramLike } from './block-device';
import { newCompressionMemo } from './compress-page';
import { kernelDeps } from './deps';
import { EventLog } from './event-log';
import { evolve } from './evolve';
import { getLifetime } from './lifetime';
import type { LifetimeName, MetaLifetime } from './lifetime/types';
import type { Outcome } from './outcome';
import { PageArena } from './page-arena';
import { PageWriter, type CompressSource } from './page-writer';
import { initialState, type DeviceDeps, type DeviceState } from './state';
import { showAttr } from './sysfs/show';
import { directIoLength, rangeIoctlCheck } from './vfs';

export interface ZramDeviceOptions {
  readonly variant?: LifetimeName; // metadata-lifetime design; default 'claim' (v4.11–6.18)
  readonly deps?: DeviceDeps;      // compressors and allocator; default: the kernel-exact ones
  readonly payload?: 'compressed' | 'original'; // see DeviceDeps.payload; default 'compressed'
  /** Kernel build profile: 'default' (this kernel: lzo-rle, lzo, lz4) or 'all-backends' (adds
   * lz4hc, zstd, deflate, 842 for what-ifs; await loadBackends() before writing with zstd). */
  readonly kernelConfig?: KernelConfig;
}

const STORE_ATTRS = new Set<StoreAttr>(['disksize', 'comp_algorithm', 'algorithm_params', 'mem_limit',
  'mem_used_max', 'compact', 'idle', 'reset']);
/** An O_DIRECT request larger than this becomes several bios (BIO_MAX_VECS pages each). */
const BIO_MAX_BYTES = 256 * PAGE_SIZE;
/** Compression memo size: apply()'d logs may repeat a page key; write() never does. */
const WRITE_MEMO_PAGES = 16;

export class ZramDevice implements ZramLike {
  private readonly state: DeviceState;
  private readonly lifetime: MetaLifetime;
  private readonly events = new EventLog();
  private readonly pageWriter: PageWriter;
  private nextFd = 3;
  private nextBioId = 1;
  private nextContentKey = 1;
  private readonly arena = new PageArena();

  constructor(opts: ZramDeviceOptions = {}) {
    this.lifetime = getLifetime(opts.variant ?? 'claim');
    if (opts.kernelConfig !== undefined && !isKernelConfig(opts.kernelConfig)) {
      throw new ZramError('EINVAL', `unknown kernelConfig '${String(opts.kernelConfig)}': ` +
        `expected ${Object.keys(KERNEL_CONFIGS).join(' or ')}`);
    }
    // huge pages kept raw go into the arena too (one allocation per 4 MiB, not one per page)
    const deps = { ...(opts.deps ?? kernelDeps), ...(opts.payload ? { payload: opts.payload } : {}),
      ...(opts.kernelConfig ? { kernelConfig: opts.kernelConfig } : {}),
      keepPage: (page: Uint8Array) => this.arena.copyPage(page, 0) };
    // Each write() page has a key of its own, so the compression memo never hits for them and
    // its bookkeeping is pure cost (a full 8192-entry FIFO Map costs ~2 us a page to evict from).
    this.state = { ...initialState(deps), memo: newCompressionMemo(WRITE_MEMO_PAGES) };
    const copyPages = (this.state.deps.payload ?? 'compressed') !== 'compressed' ||
      (opts.deps ?? kernelDeps) !== kernelDeps;
    this.pageWriter = new PageWriter(this.state, this.lifetime, this.events, this.arena, copyPages);
  }

  /** Folds an event (recorded elsewhere, or built by the methods below) into this device. */
  apply(event: ZramEvent): Outcome {
    const r: Recorded<ZramEvent> = { seq: this.events.length, ts: nanos(0), event };
    this.events.push(r);
    return evolve(this.state, this.lifetime, r);
  }

  /** The events so far. */
  log(): readonly Recorded<ZramEvent>[] {
    return this.events.toArray();
  }

  store(attr: string, value: string): void {
    if (typeof value !== 'string') throw new ZramError('EFAULT', `store to ${attr}: the value is not a string`);
    const buf = value.endsWith('\n') ? value : value + '\n'; // as `echo value >` writes it
    if (!STORE_ATTRS.has(attr as StoreAttr)) {
      throw new ZramError('text' in showAttr(this.state, attr) ? 'EACCES' : 'ENOENT', `cannot write ${attr}`);
    }
    if (attr === 'reset') {
      expectOk(this.apply({ type: 'ResetRequested', value: buf, context: 'process' }), attr);
      expectOk(this.apply({ type: 'ResetCompleted' }), attr);
      return;
    }
    expectOk(this.apply({ type: 'AttrStored', attr: attr as Exclude<StoreAttr, 'reset'>, value: buf }), attr);
  }

  show(attr: string): string {
    const r = showAttr(this.state, attr);
    if ('errno' in r) throw new ZramError(r.errno, `cannot read ${attr}`);
    return r.text;
  }

  open(): number {
    const fd = this.nextFd++;
    expectOk(this.apply({ type: 'DeviceOpened', fd }), 'open');
    return fd;
  }

  close(fd: number): void {
    expectOk(this.apply({ type: 'DeviceClosed', fd }), 'close');
  }

  /** For pipelined writers (src/pipeline): while set, each one-page write() asks `source` for
   * the page's compressed form before compressing it here. It changes the time, never a result. */
  setCompressSource(source: CompressSource | null): void {
    this.pageWriter.source = source;
  }

  /** Any typed array or DataView: a write takes its bytes (byteLength), as pwrite(2) would. */
  write(offset: number, data: ArrayBufferView): number {
    const bytes_ = userBytes(data);
    const len = directIoLength('write', offset, bytes_.length, this.state.disksize);
    if (len === PAGE_SIZE) return this.pageWriter.write(offset, bytes_, this.nextContentKey++, this.nextBioId++);
    let failed = false;
    for (let done = 0; done < len; done += BIO_MAX_BYTES) {
      const n = Math.min(BIO_MAX_BYTES, len - done);
      const pages: PagePayload[] = [];
      for (let p = 0; p < n; p += PAGE_SIZE) {
        pages.push({ key: this.nextContentKey++, data: this.arena.copyPage(bytes_, done + p) });
      }
      failed = this.bio('write', offset + done, n, pages).errno !== null || failed;
    }
    if (failed) throw new ZramError('EIO', `write of ${len} bytes at ${offset} failed`);
    return len;
  }

  read(offset: number, length: number): Uint8Array {
    if (!Number.isSafeInteger(length) || length < 0) throw new ZramError('EINVAL', `bad read length ${length}`);
    const len = directIoLength('read', offset, length, this.state.disksize);
    const out = new Uint8Array(len);
    let failed = false;
    for (let done = 0; done < len; done += BIO_MAX_BYTES) {
      const r = this.bio('read', offset + done, Math.min(BIO_MAX_BYTES, len - done), []);
      if (r.errno !== null) failed = true;
      else if (r.data) out.set(r.data, done);
    }
    if (failed) throw new ZramError('EIO', `read of ${len} bytes at ${offset} failed`);
    return out;
  }

  discard(offset: number, length: number): void {
    rangeIoctlCheck('BLKDISCARD', offset, length, this.state.disksize);
    this.bio('discard', offset, length, []);
  }

  writeZeroes(offset: number, length: number): void {
    rangeIoctlCheck('BLKZEROOUT', offset, length, this.state.disksize);
    this.bio('write_zeroes', offset, length, []);
  }

  private bio(op: BioOp, offset: number, length: number, pages: PagePayload[]): Extract<Outcome, { kind: 'bio' }> {
    const bioId = this.nextBioId++;
    const q = this.apply({ type: 'BioQueued', bioId, op, sector: sector(offset / SECTOR_SIZE), bytes: bytes(length),
      context: 'process', pages });
    if (q.kind === 'bio' && q.errno !== null) return q;
    const c = this.apply({ type: 'BioCompleted', bioId });
    if (c.kind !== 'bio') throw new Error(`bio ${bioId}: unexpected outcome ${c.kind}`);
    return c;
  }
}

/** The bytes behind a caller's buffer; anything that is not a buffer is a bad address (EFAULT). */
function userBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (!ArrayBuffer.isView(data)) throw new ZramError('EFAULT', 'write buffer is not an ArrayBufferView');
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function expectOk(o: Outcome, what: string): void {
  if ('errno' in o && o.errno !== null) throw new ZramError(o.errno, `${what} failed`);
  if (o.kind === 'rejected') throw new Error(`${what}: ${o.reason}`);
}
