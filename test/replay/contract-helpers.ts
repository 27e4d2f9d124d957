// The contract's generator and comparison, shared by the pure and the kernel contract tests.
import fc from 'fast-check';
import { generatePage } from '../../src/content';
import { ZramDevice } from '../../src/device/zram-device';
import { diffOutputs, formatDiff } from '../../src/diff';
import type { Recorded, ZramEvent } from '../../src/events/types';
import { DeviceImplementation } from '../../src/replay/device-implementation';
import type { Implementation } from '../../src/replay/implementation';
import { ModelImplementation } from '../../src/replay/model-implementation';
import type { OutputHeader } from '../../src/replay/outputs';
import { nanos } from '../../src/units';
import { replayToStrings, type Replayed } from './helpers';
import { asAsync } from './small-sequence';


const PAGES = 64;
const KINDS = ['text', 'binary', 'zeros', 'same', 'random', 'borderline'];
export type Op =
  | { op: 'write'; page: number; n: number; kind: number; seed: number }
  | { op: 'read' | 'discard'; page: number; n: number }
  | { op: 'compact' | 'sample' }
  | { op: 'memLimit'; kib: number };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('write' as const), page: fc.nat(PAGES - 1), n: fc.integer({ min: 1, max: 8 }), kind: fc.nat(KINDS.length - 1), seed: fc.nat(1000) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('read' as const, 'discard' as const), page: fc.nat(PAGES - 1), n: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('compact' as const, 'sample' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('memLimit' as const), kib: fc.constantFrom(0, 64, 128, 256) }) },
);

function sample(dev: ZramDevice): void {
  dev.apply({ type: 'KernelStatSampled', mmStat: dev.show('mm_stat'), ioStat: dev.show('io_stat'), debugStat: dev.show('debug_stat'), stat: dev.show('stat') });
}

/** The ops as events, through the in-memory device's API (failed calls stay in the log as failures). */
export function eventsOf(alg: string, ops: readonly Op[]): Recorded<ZramEvent>[] {
  const dev = new ZramDevice();
  dev.store('comp_algorithm', alg);
  dev.store('disksize', `${PAGES * 4}K`);
  for (const o of ops) {
    const n = 'n' in o ? Math.min(o.n, PAGES - o.page) : 0;
    try {
      if (o.op === 'write') {
        const buf = new Uint8Array(n * 4096);
        for (let i = 0; i < n; i++) buf.set(generatePage(KINDS[(o.kind + i) % KINDS.length], o.seed, o.page + i), i * 4096);
        dev.write(o.page * 4096, buf);
      } else if (o.op === 'read') dev.read(o.page * 4096, n * 4096);
      else if (o.op === 'discard') dev.discard(o.page * 4096, n * 4096);
      else if (o.op === 'compact') dev.store('compact', '1');
      else if (o.op === 'memLimit') dev.store('mem_limit', `${o.kib}K`);
      else sample(dev);
    } catch { /* a failed write (ENOMEM at the limit) is part of the sequence */ }
  }
  sample(dev);
  return dev.log().map((r) => ({ seq: r.seq, ts: nanos(r.seq * 1000), event: r.event }));
}

const side = (name: string, r: Replayed) => ({ name, header: (r.records[0] as { header: OutputHeader }).header, records: asAsync(r.records.slice(1)) });

export async function expectEqual(events: Recorded<ZramEvent>[], other: () => Promise<Implementation>, seed: number): Promise<void> {
  const model = await replayToStrings(new ModelImplementation(), events, 16);
  const impl = await other();
  let got: Replayed;
  try {
    got = await replayToStrings(impl, events, 16);
  } finally {
    await impl.close();
  }
  const d = await diffOutputs(side('model', model), side(impl.name, got));
  if (!d.equal) throw new Error(`seed ${seed}: ${impl.name} differs from the model\n${formatDiff(d)}`);
}

export const seed = Number(process.env.FC_SEED ?? Date.now() % 1e9);
