// A device behind the userspace interface (ZramLike) as an Implementation: the bios of the log
// are issued in completion order (the order in which zram did their work), one call each, with
// the same offsets, sizes and contents; knobs are written to sysfs; stats are read from sysfs.
// The real kernel (src/kernel KernelZram, O_DIRECT) is the main user; the in-memory
// ZramDevice also fits, which lets the path be tested without a kernel.
import type { ZramLike } from '../device/block-device';
import { observationFromTexts, type Observation } from '../device/observe';
import { ZramError } from '../errors';
import type { Recorded, ZramEvent } from '../events/types';
import { PAGE_SIZE, SECTOR_SIZE } from '../units';
import { OK, type Implementation, type Result } from './implementation';

type Ev<T extends ZramEvent['type']> = Extract<ZramEvent, { type: T }>;
type BioQueued = Ev<'BioQueued'>;

/** Largest request the device side takes in one call (one bio of 256 pages). */
export const MAX_CALL_BYTES = 256 * PAGE_SIZE;

export class DeviceImplementation implements Implementation {
  private readonly inflight = new Map<number, BioQueued>();
  private readonly fds = new Map<number, number>(); // log fd -> device fd
  private resetPending = false;

  constructor(readonly name: string, private readonly dev: ZramLike, private readonly dispose: () => Promise<void> = async () => {}) {}

  async apply(r: Recorded<ZramEvent>): Promise<Result | null> {
    const e = r.event;
    switch (e.type) {
      case 'AttrStored': return storeResult(e.attr, () => this.dev.store(e.attr, e.value));
      case 'ResetRequested': {
        const res = await storeResult('reset', () => this.dev.store('reset', e.value));
        this.resetPending = res.status === OK;
        return res;
      }
      case 'ResetCompleted': return this.resetCompleted();
      case 'DeviceOpened': return this.opened(e.fd);
      case 'DeviceClosed': return this.closed(e.fd);
      case 'BioQueued':
        if (this.inflight.has(e.bioId)) return rejected(`bio ${e.bioId} queued twice`);
        this.inflight.set(e.bioId, e);
        return null;
      case 'BioCompleted': return this.completed(e.bioId);
      case 'SlotFreeNotified': return { kind: 'event', event: 'unsupported', attr: '', status: 'swap_slot_free_notify cannot be issued from userspace' };
      case 'ShrinkerScanned': return this.shrinkerScanned();
      case 'KernelStatSampled': return null;
    }
  }

  async observe(): Promise<Observation> {
    const [mmStat, ioStat, debugStat, stat] = await Promise.all(['mm_stat', 'io_stat', 'debug_stat', 'stat'].map((a) => this.dev.show(a)));
    return observationFromTexts({ mmStat, ioStat, debugStat, stat });
  }

  close(): Promise<void> {
    return this.dispose();
  }

  /** Userspace cannot run one pool's shrinker; a store to `compact` runs the same zs_compact
   * (a second zs_compact in the shrinker's loop frees nothing after a full one). */
  private async shrinkerScanned(): Promise<Result> {
    const r = await storeResult('compact', () => this.dev.store('compact', '1'));
    return { kind: 'event', event: 'shrinker', attr: '', status: r.status };
  }

  private resetCompleted(): Result {
    if (!this.resetPending) return rejected('reset completed while none may complete');
    this.resetPending = false;
    return { kind: 'event', event: 'reset_completed', attr: '', status: OK };
  }

  private async opened(fd: number): Promise<Result> {
    if (this.fds.has(fd)) return { kind: 'event', event: 'open', attr: '', status: 'EBADF' };
    return errnoResult('open', '', async () => { this.fds.set(fd, await this.dev.open()); });
  }

  private async closed(fd: number): Promise<Result> {
    const real = this.fds.get(fd);
    if (real === undefined) return { kind: 'event', event: 'close', attr: '', status: 'EBADF' };
    this.fds.delete(fd);
    return errnoResult('close', '', () => this.dev.close(real));
  }

  private async completed(bioId: number): Promise<Result> {
    const bio = this.inflight.get(bioId);
    if (!bio) return rejected(`bio ${bioId} completed but was never queued`);
    this.inflight.delete(bioId);
    const base = { kind: 'bio' as const, bioId, op: bio.op };
    try {
      const data = await this.issue(bio);
      return data ? { ...base, status: OK, data } : { ...base, status: OK };
    } catch (err) {
      if (err instanceof ZramError) return { ...base, status: err.errno };
      throw err;
    }
  }

  /** One call per bio (split only above MAX_CALL_BYTES); returns what a read returned. */
  private async issue(bio: BioQueued): Promise<Uint8Array | undefined> {
    const offset = bio.sector * SECTOR_SIZE;
    switch (bio.op) {
      case 'write':
        for (let done = 0; done < bio.bytes; done += MAX_CALL_BYTES) {
          await this.dev.write(offset + done, joinPages(bio, done, Math.min(MAX_CALL_BYTES, bio.bytes - done)));
        }
        return undefined;
      case 'read': {
        const out = new Uint8Array(bio.bytes);
        for (let done = 0; done < bio.bytes; done += MAX_CALL_BYTES) {
          out.set(await this.dev.read(offset + done, Math.min(MAX_CALL_BYTES, bio.bytes - done)), done);
        }
        return out;
      }
      case 'discard': await this.dev.discard(offset, bio.bytes); return undefined;
      case 'write_zeroes': await this.dev.writeZeroes(offset, bio.bytes); return undefined;
      case 'flush': return undefined; // zram has no volatile cache
    }
  }
}

function joinPages(bio: BioQueued, from: number, length: number): Uint8Array {
  const buf = new Uint8Array(length);
  for (let p = 0; p < length; p += PAGE_SIZE) buf.set(bio.pages[(from + p) / PAGE_SIZE].data, p);
  return buf;
}

const rejected = (reason: string): Result => ({ kind: 'event', event: 'rejected', attr: '', status: reason });

async function errnoResult(event: 'store' | 'open' | 'close', attr: string, f: () => unknown): Promise<Result> {
  try {
    await f();
    return { kind: 'event', event, attr, status: OK };
  } catch (err) {
    if (err instanceof ZramError) return { kind: 'event', event, attr, status: err.errno };
    throw err;
  }
}

const storeResult = (attr: string, f: () => unknown): Promise<Result> => errnoResult('store', attr, f);
