// given/when/then around evolve for any metadata-lifetime design, with the sized compressor of
// the device tests so page sizes are chosen by the test.
import { evolve } from '../../src/device/evolve';
import { getLifetime } from '../../src/device/lifetime';
import type { FindingKind } from '../../src/device/lifetime/track';
import type { MetaLifetime } from '../../src/device/lifetime/types';
import type { Outcome } from '../../src/device/outcome';
import { initialState, type DeviceState } from '../../src/device/state';
import { mmStatFields } from '../../src/device/sysfs/show';
import type { IoContext, ZramEvent } from '../../src/events/types';
import { bytes, nanos, sector } from '../../src/units';
import { sizedDeps, sizedPage } from '../device/harness';

export const e = {
  disksize: (v = '1M'): ZramEvent => ({ type: 'AttrStored', attr: 'disksize', value: v + '\n' }),
  write: (bioId: number, page: number, context: IoContext = 'process'): ZramEvent => ({
    type: 'BioQueued', bioId, op: 'write', sector: sector(page * 8), bytes: bytes(4096), context,
    pages: [{ key: bioId, data: sizedPage(1000 + bioId, bioId) }] }),
  read: (bioId: number, page: number, context: IoContext = 'process'): ZramEvent => ({
    type: 'BioQueued', bioId, op: 'read', sector: sector(page * 8), bytes: bytes(4096), context, pages: [] }),
  done: (bioId: number): ZramEvent => ({ type: 'BioCompleted', bioId }),
  reset: (context: IoContext = 'process', value = '1'): ZramEvent => ({ type: 'ResetRequested', value: value + '\n', context }),
  resetDone: (): ZramEvent => ({ type: 'ResetCompleted' }),
  open: (fd: number): ZramEvent => ({ type: 'DeviceOpened', fd }),
  close: (fd: number): ZramEvent => ({ type: 'DeviceClosed', fd }),
};

export class LifetimeSpec {
  readonly state: DeviceState = initialState(sizedDeps);
  readonly lt: MetaLifetime;
  readonly outcomes: Outcome[] = [];
  constructor(variant: string | MetaLifetime) { this.lt = typeof variant === 'string' ? getLifetime(variant) : variant; }
  static given(variant: string | MetaLifetime, ...events: ZramEvent[]): LifetimeSpec {
    return new LifetimeSpec(variant).when(...events);
  }
  when(...events: ZramEvent[]): this {
    for (const ev of events) this.outcomes.push(evolve(this.state, this.lt, { seq: this.outcomes.length, ts: nanos(0), event: ev }));
    return this;
  }
  get last(): Outcome { return this.outcomes[this.outcomes.length - 1]; }
  get mm(): number[] { return mmStatFields(this.state); }
  findings(kind?: FindingKind): string[] {
    return this.state.meta.findings.filter((f) => !kind || f.kind === kind).map((f) => `${f.kind}: ${f.detail}`);
  }
}

export const bioOk = (bioId: number, op = 'write') => ({ kind: 'bio', bioId, op, errno: null });
export const bioErr = (bioId: number, errno: string, op = 'write') => ({ kind: 'bio', bioId, op, errno });
