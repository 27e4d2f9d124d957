// given/when/then around the pure reducer (emmett's DeciderSpecification applied to evolve),
// plus a "sized" compressor whose output length is chosen by the test, to reproduce the spec's
// worked examples exactly whatever the real compressors do.
import type { Compressor } from '../../src/compress/types';
import { evolve } from '../../src/device/evolve';
import { getLifetime } from '../../src/device/lifetime';
import type { Outcome } from '../../src/device/outcome';
import { initialState, type DeviceDeps, type DeviceState } from '../../src/device/state';
import { mmStatFields, showAttr } from '../../src/device/sysfs/show';
import { kernelDeps } from '../../src/device/deps';
import type { BioOp, ZramEvent } from '../../src/events/types';
import { createZsPool } from '../../src/zsmalloc/pool';
import { bytes, nanos, sector } from '../../src/units';

/** A page whose "compressed" length is `len`: bytes 0-1 hold len, 2-5 a seed, the rest derive
 * from the seed (so pages with different seeds differ and none is same-filled). */
export function sizedPage(len: number, seed: number): Uint8Array {
  const p = new Uint8Array(4096);
  const dv = new DataView(p.buffer);
  dv.setUint16(0, len, true);
  dv.setUint32(2, seed, true);
  let x = seed ^ 0x9e3779b9;
  for (let i = 6; i < 4096; i++) { x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + i) >>> 0; p[i] = x & 0xff; }
  return p;
}
const sized: Compressor = {
  name: 'lz4',
  compressedLength: (src) => new DataView(src.buffer, src.byteOffset).getUint16(0, true),
  compress(src, dst) {
    const len = sized.compressedLength(src, {});
    dst.fill(0, 0, len);
    dst.set(src.subarray(0, Math.min(6, len)));
    return len;
  },
  decompress(src, dst) {
    const dv = new DataView(src.buffer, src.byteOffset);
    dst.set(sizedPage(dv.getUint16(0, true), dv.getUint32(2, true)));
    return 4096;
  },
};
export const sizedDeps: DeviceDeps = { compressor: () => sized, createPool: () => createZsPool() };

let key = 1;
export const ev = {
  store: (attr: Exclude<Extract<ZramEvent, { type: 'AttrStored' }>['attr'], never>, value: string): ZramEvent =>
    ({ type: 'AttrStored', attr, value: value + '\n' }),
  bio: (bioId: number, op: BioOp, page: number, pages: Uint8Array[] = [], nrPages = pages.length): ZramEvent =>
    ({ type: 'BioQueued', bioId, op, sector: sector(page * 8), bytes: bytes(nrPages * 4096), context: 'process',
      pages: pages.map((data) => ({ key: key++, data })) }),
  done: (bioId: number): ZramEvent => ({ type: 'BioCompleted', bioId }),
};
let bioIds = 1_000_000;
/** A queued + completed bio pair. */
export const bio = (op: BioOp, page: number, pages: Uint8Array[] = [], nrPages = pages.length): ZramEvent[] => {
  const id = bioIds++;
  return [ev.bio(id, op, page, pages, nrPages), ev.done(id)];
};

export class Spec {
  readonly state: DeviceState;
  private readonly lt = getLifetime('claim');
  readonly outcomes: Outcome[] = [];
  constructor(deps: DeviceDeps = kernelDeps) { this.state = initialState(deps); }
  static given(deps: DeviceDeps, ...events: (ZramEvent | ZramEvent[])[]): Spec {
    return new Spec(deps).when(...events);
  }
  when(...events: (ZramEvent | ZramEvent[])[]): this {
    for (const e of events.flat()) {
      this.outcomes.push(evolve(this.state, this.lt, { seq: this.outcomes.length, ts: nanos(0), event: e }));
    }
    return this;
  }
  get last(): Outcome { return this.outcomes[this.outcomes.length - 1]; }
  get mm(): number[] { return mmStatFields(this.state); }
  show(attr: string): string {
    const r = showAttr(this.state, attr);
    if ('errno' in r) throw new Error(r.errno);
    return r.text;
  }
}
