// The model as an Implementation: the pure reducer (evolve) with one metadata-lifetime variant.
import { bioGet } from '../device/bio-table';
import { kernelDeps } from '../device/deps';
import { evolve } from '../device/evolve';
import { getLifetime } from '../device/lifetime';
import type { MetaLifetime } from '../device/lifetime/types';
import { observe, type Observation } from '../device/observe';
import type { Outcome } from '../device/outcome';
import { initialState, type DeviceDeps, type DeviceState } from '../device/state';
import type { Recorded, ZramEvent } from '../events/types';
import { statusOf, type Implementation, type Result } from './implementation';

export class ModelImplementation implements Implementation {
  readonly name: string;
  private state: DeviceState;
  /** No event folded yet, and the state is this implementation's own new device. */
  private fresh: boolean;
  private readonly lifetime: MetaLifetime;

  /** `state`: continue from a restored device state (a fold snapshot's) instead of a new device. */
  constructor(variant = 'claim', deps: DeviceDeps = kernelDeps, state?: DeviceState) {
    this.lifetime = getLifetime(variant);
    this.state = state ?? initialState(deps);
    this.fresh = state === undefined;
    this.name = `model:${this.lifetime.name}`;
  }

  /** The device state the fold owns (read by fold snapshots; never modify it from outside). */
  get deviceState(): DeviceState {
    return this.state;
  }

  /** Before the first event: the device keeps content keys and reads page bytes back through
   * `pageContent` (payload 'reference', the log on the data path). False if it is too late or the
   * device keeps pages another way already. */
  keepContentKeys(pageContent: (key: number) => Uint8Array | undefined): boolean {
    const deps = this.state.deps;
    if (!this.fresh || (deps.payload !== undefined && deps.payload !== 'compressed')) return false;
    this.state = initialState({ ...deps, payload: 'reference', pageContent });
    return true;
  }

  apply(r: Recorded<ZramEvent>): Result | null {
    this.fresh = false;
    if (!readsOnly(this.state, r.event)) this.state.gen++;
    const o = evolve(this.state, this.lifetime, r);
    // an accepted BioQueued is not a result yet: the bio's result comes with its completion
    if (r.event.type === 'BioQueued' && o.kind === 'bio' && o.errno === null) return null;
    return resultOf(o);
  }

  /** The digest of the state at generation `digestGen` (a replay checkpoints every N events,
   * and a stretch of reads leaves the digest as it was). */
  private digest = '';
  private digestGen = -1;

  observe(digest = true): Observation {
    const s = this.state;
    if (!digest && s.gen !== this.digestGen) return observe(s, ''); // a walk of the whole pool saved
    const o = observe(s, s.gen === this.digestGen ? this.digest : undefined);
    this.digest = o.digest;
    this.digestGen = s.gen;
    return o;
  }

  async close(): Promise<void> {
    // nothing held outside the heap
  }
}

/** Events that change nothing the state digest covers, other than what readPage counts itself. */
function readsOnly(s: DeviceState, e: ZramEvent): boolean {
  if (e.type === 'KernelStatSampled') return true;
  if (e.type === 'BioQueued') return e.op === 'read';
  if (e.type === 'BioCompleted') return bioGet(s.inflight, e.bioId)?.op === 'read';
  return false;
}

/** 'ok' when the model's pool agrees with what the kernel traced, else both sides named. */
function shrinkerStatus(o: Extract<Outcome, { kind: 'shrinker' }>): string {
  if (o.freeable === o.kernelFreeable && o.freed === o.kernelFreed) return 'ok';
  return `freeable ${o.freeable} (kernel ${o.kernelFreeable}), freed ${o.freed} (kernel ${o.kernelFreed})`;
}

export function resultOf(o: Outcome): Result | null {
  switch (o.kind) {
    case 'bio': {
      // one literal per shape (no spread: it builds a second object and takes V8's slow path)
      const status = statusOf(o.errno);
      if (o.digest !== undefined) return { kind: 'bio', bioId: o.bioId, op: o.op, status, digest: o.digest };
      if (o.data) return { kind: 'bio', bioId: o.bioId, op: o.op, status, data: o.data };
      return { kind: 'bio', bioId: o.bioId, op: o.op, status };
    }
    case 'store': return { kind: 'event', event: 'store', attr: o.attr, status: statusOf(o.errno) };
    case 'open': return { kind: 'event', event: 'open', attr: '', status: statusOf(o.errno) };
    case 'close': return { kind: 'event', event: 'close', attr: '', status: statusOf(o.errno) };
    case 'resetCompleted': return { kind: 'event', event: 'reset_completed', attr: '', status: statusOf(o.errno) };
    case 'slotFree': return { kind: 'event', event: 'slot_free', attr: '', status: 'ok' };
    case 'shrinker': return { kind: 'event', event: 'shrinker', attr: '', status: shrinkerStatus(o) };
    case 'rejected': return { kind: 'event', event: 'rejected', attr: '', status: o.reason };
    case 'sample': return null;
  }
}
