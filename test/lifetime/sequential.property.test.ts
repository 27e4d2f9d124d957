// Without concurrency the designs cannot differ: on any sequence of API operations (each bio
// queued and completed before the next call, each reset requested and completed at once) the
// four variants give the same results, errors and sysfs texts.
import fc from 'fast-check';
import { ZramDevice } from '../../src/device/zram-device';
import { LIFETIME_NAMES } from '../../src/device/lifetime';
import type { LifetimeName } from '../../src/device/lifetime/types';
import { ZramError } from '../../src/errors';
import { sizedDeps, sizedPage } from '../device/harness';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const PAGES = 64;

type Op =
  | { k: 'store'; attr: string; value: string }
  | { k: 'open' } | { k: 'close'; which: number }
  | { k: 'write'; page: number; n: number; len: number }
  | { k: 'read' | 'discard' | 'zero'; page: number; n: number };

const storeArb = fc.oneof(
  fc.record({ attr: fc.constant('disksize'), value: fc.constantFrom('256K', '0', String(PAGES * 4096), 'x') }),
  fc.record({ attr: fc.constant('reset'), value: fc.constantFrom('1', '0', 'abc', '65536') }),
  fc.record({ attr: fc.constant('comp_algorithm'), value: fc.constantFrom('lz4', 'lzo', 'zstd') }),
  fc.record({ attr: fc.constant('mem_limit'), value: fc.constantFrom('0', '16K', '1M') }),
  fc.record({ attr: fc.constantFrom('compact', 'mem_used_max', 'idle'), value: fc.constantFrom('1', '0', 'all') }),
);
const range = { page: fc.nat(PAGES + 4), n: fc.integer({ min: 1, max: 4 }) };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: storeArb.map((s) => ({ k: 'store' as const, ...s })) },
  { weight: 2, arbitrary: fc.constant({ k: 'open' as const }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('close' as const), which: fc.nat(3) }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('write' as const), ...range, len: fc.integer({ min: 1, max: 4096 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constantFrom('read' as const, 'discard' as const, 'zero' as const), ...range }) },
);

function apply(d: ZramDevice, fds: number[], op: Op, i: number): unknown {
  switch (op.k) {
    case 'store': d.store(op.attr, op.value); return 'ok';
    case 'open': fds.push(d.open()); return 'ok';
    case 'close': d.close(fds.splice(op.which % Math.max(fds.length, 1), 1)[0] ?? 99); return 'ok';
    case 'write': {
      const data = new Uint8Array(op.n * 4096);
      for (let p = 0; p < op.n; p++) data.set(sizedPage(op.len, i * 8 + p), p * 4096);
      return d.write(op.page * 4096, data);
    }
    case 'read': return Array.from(d.read(op.page * 4096, op.n * 4096).subarray(0, 16));
    case 'discard': d.discard(op.page * 4096, op.n * 4096); return 'ok';
    case 'zero': d.writeZeroes(op.page * 4096, op.n * 4096); return 'ok';
  }
}

const TEXTS = ['mm_stat', 'io_stat', 'debug_stat', 'stat', 'initstate', 'disksize', 'comp_algorithm'];

function run(variant: LifetimeName, ops: Op[]): unknown[] {
  const d = new ZramDevice({ variant, deps: sizedDeps });
  const fds: number[] = [];
  return ops.map((op, i) => {
    let r: unknown;
    try { r = apply(d, fds, op, i); } catch (err) {
      if (!(err instanceof ZramError)) throw err;
      r = `error ${err.errno}`;
    }
    return [op.k, r, ...TEXTS.map((t) => d.show(t))];
  });
}

test(`without concurrency every variant gives the same results and texts (seed ${SEED})`, () => {
  expect(LIFETIME_NAMES).toEqual(expect.arrayContaining(['claim', 'refcount', 'refcount-nowake', 'init-lock']));
  fc.assert(fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
    const runs = LIFETIME_NAMES.map((v) => run(v, ops));
    for (let v = 1; v < runs.length; v++) expect([LIFETIME_NAMES[v], runs[v]]).toEqual([LIFETIME_NAMES[v], runs[0]]);
  }), { seed: SEED, numRuns: 120 });
});
