// The model as an Implementation: the pure reducer (evolve) with one metadata-lifetime variant.
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
  private readonly state: DeviceState;
  private readonly lifetime: MetaLifetime;

  constructor(variant = 'claim', deps: DeviceDeps = kernelDeps) {
    this.lifetime = getLifetime(variant);
    this.state = initialState(deps);
    this.name = `model:${this.lifetime.name}`;
  }

  apply(r: Recorded<ZramEvent>): Result | null {
    const o = evolve(this.state, this.lifetime, r);
    // an accepted BioQueued is not a result yet: the bio's result comes with its completion
    if (r.event.type === 'BioQueued' && o.kind === 'bio' && o.errno === null) return null;
    return resultOf(o);
  }

  /** The device state after the events applied so far (read only: for status views). */
  get deviceState(): Readonly<DeviceState> {
    return this.state;
  }

  observe(): Observation {
    return observe(this.state);
  }

  async close(): Promise<void> {
    // nothing held outside the heap
  }
}

export function resultOf(o: Outcome): Result | null {
  switch (o.kind) {
    case 'bio': return { kind: 'bio', bioId: o.bioId, op: o.op, status: statusOf(o.errno), ...(o.data ? { data: o.data } : {}) };
    case 'store': return { kind: 'event', event: 'store', attr: o.attr, status: statusOf(o.errno) };
    case 'open': return { kind: 'event', event: 'open', attr: '', status: statusOf(o.errno) };
    case 'close': return { kind: 'event', event: 'close', attr: '', status: statusOf(o.errno) };
    case 'resetCompleted': return { kind: 'event', event: 'reset_completed', attr: '', status: statusOf(o.errno) };
    case 'slotFree': return { kind: 'event', event: 'slot_free', attr: '', status: 'ok' };
    case 'rejected': return { kind: 'event', event: 'rejected', attr: '', status: o.reason };
    case 'sample': return null;
  }
}
