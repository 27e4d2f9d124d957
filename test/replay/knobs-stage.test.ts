// The knob stage is a hand-written iterator (for speed): it must give what the plain generator
// form of the same rules gives, for any sequence of stores, resets and other events, and close
// the stages below it when its consumer stops early.
import fc from 'fast-check';
import type { Recorded, ZramEvent } from '../../src/events/types';
import { applyKnobs, isInjected, isReplaced, type Knobs } from '../../src/replay/knobs';
import { nanos } from '../../src/units';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 1e9);
type Attr = 'disksize' | 'comp_algorithm' | 'algorithm_params' | 'mem_limit' | 'idle';
const KNOB: Record<string, keyof Knobs> = { comp_algorithm: 'algorithm', algorithm_params: 'params',
  mem_limit: 'memLimit', disksize: 'disksize' };

/** The rules as a generator: the stage's form before it became an iterator. */
function* reference(events: Iterable<Recorded<ZramEvent>>, k: Knobs): Generator<[string, string, string]> {
  const value = (a: string): string | undefined => (KNOB[a] ? k[KNOB[a]] : undefined);
  const nl = (v: string): string => (v.endsWith('\n') ? v : v + '\n');
  const seen = new Set<string>();
  for (const r of events) {
    const e = r.event;
    if (e.type === 'ResetCompleted') seen.clear();
    if (e.type !== 'AttrStored') { yield [e.type, '', 'input']; continue; }
    if (e.attr === 'disksize') {
      for (const a of ['comp_algorithm', 'algorithm_params', 'mem_limit']) {
        if (value(a) !== undefined && !seen.has(a)) yield [a, nl(value(a)!), 'injected'];
      }
    }
    seen.add(e.attr);
    const v = value(e.attr);
    yield v === undefined ? [e.attr, e.value, 'input'] : [e.attr, nl(v), 'replaced'];
  }
}

const event = fc.oneof(
  fc.record({ attr: fc.constantFrom<Attr>('disksize', 'comp_algorithm', 'algorithm_params', 'mem_limit', 'idle'),
    value: fc.constantFrom('1G\n', 'lz4', 'level=3\n') }).map(({ attr, value }): ZramEvent =>
    ({ type: 'AttrStored', attr, value })),
  fc.constant<ZramEvent>({ type: 'ResetCompleted' }),
  fc.nat(9).map((bioId): ZramEvent => ({ type: 'BioCompleted', bioId })));
const knobs = fc.record({ algorithm: fc.constantFrom('zstd', undefined), params: fc.constantFrom('level=8', undefined),
  memLimit: fc.constantFrom('64M\n', undefined), disksize: fc.constantFrom('2G', undefined) });

describe(`knob stage (seed ${SEED})`, () => {
  test('gives what the generator form gives, each store marked injected, replaced or neither', () => {
    fc.assert(fc.property(fc.array(event, { maxLength: 30 }), knobs, (es, k0) => {
      const k = Object.fromEntries(Object.entries(k0).filter(([, v]) => v !== undefined)) as Knobs;
      const input = es.map((event, seq): Recorded<ZramEvent> => ({ seq, ts: nanos(seq * 10), event }));
      const got = [...applyKnobs(input, k)].map((r): [string, string, string] => {
        const e = r.event;
        const kind = isInjected(r) ? 'injected' : isReplaced(r) ? 'replaced' : 'input';
        return e.type === 'AttrStored' ? [e.attr, e.value, kind] : [e.type, '', kind];
      });
      expect(got).toEqual([...reference(input, k)]);
    }), { seed: SEED, numRuns: 500 });
  });

  test('a consumer that stops early closes the events below', () => {
    let closed = false;
    function* below(): Generator<Recorded<ZramEvent>> {
      try {
        for (let seq = 0; ; seq++) yield { seq, ts: nanos(0), event: { type: 'BioCompleted', bioId: seq } };
      } finally {
        closed = true;
      }
    }
    for (const r of applyKnobs(below(), { algorithm: 'zstd' })) if (r.seq === 3) break;
    expect(closed).toBe(true);
  });
});
