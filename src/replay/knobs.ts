// What-if knobs: command-line values replace the recorded ones. Each recorded store of the knob
// gets the new value; where the log never sets a knob before a disksize store, a store of it is
// put in front (comp_algorithm and algorithm_params must precede disksize, as on the kernel).
// Inserted events take the seq of the event they precede, so outputs stay aligned by seq.
import type { Recorded, StoreAttr, ZramEvent } from '../events/types';

export interface Knobs {
  readonly algorithm?: string;   // comp_algorithm
  readonly params?: string;      // algorithm_params, e.g. "level=8"
  readonly disksize?: string;
  readonly memLimit?: string;    // mem_limit
}

type Attr = Exclude<StoreAttr, 'reset'>;

function overrides(k: Knobs): Map<Attr, string> {
  const m = new Map<Attr, string>();
  if (k.algorithm !== undefined) m.set('comp_algorithm', k.algorithm);
  if (k.params !== undefined) m.set('algorithm_params', k.params);
  if (k.memLimit !== undefined) m.set('mem_limit', k.memLimit);
  if (k.disksize !== undefined) m.set('disksize', k.disksize);
  return m;
}

const withNewline = (v: string): string => (v.endsWith('\n') ? v : v + '\n');

/** What the stage remembers between events (a fold snapshot carries it). */
export interface KnobsState { seen: Set<string> } // knobs stored since the last reset

export async function* applyKnobs(events: AsyncIterable<Recorded<ZramEvent>>, k: Knobs,
  state: KnobsState = { seen: new Set() }): AsyncGenerator<Recorded<ZramEvent>> {
  const over = overrides(k);
  if (over.size === 0) { yield* events; return; }
  const seen = state.seen;
  for await (const r of events) {
    const e = r.event;
    if (e.type === 'ResetCompleted') seen.clear();
    if (e.type !== 'AttrStored') { yield r; continue; }
    if (e.attr === 'disksize') {
      for (const attr of ['comp_algorithm', 'algorithm_params', 'mem_limit'] as const) {
        if (over.has(attr) && !seen.has(attr)) yield stored(r, attr, over.get(attr)!);
      }
    }
    seen.add(e.attr);
    yield over.has(e.attr) ? stored(r, e.attr, over.get(e.attr)!) : r;
  }
}

const stored = (r: Recorded<ZramEvent>, attr: Attr, value: string): Recorded<ZramEvent> =>
  ({ seq: r.seq, ts: r.ts, event: { type: 'AttrStored', attr, value: withNewline(value) } });
