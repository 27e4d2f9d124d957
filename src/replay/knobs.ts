// What-if knobs: command-line values replace the recorded ones. Each recorded store of the knob
// gets the new value; where the log never sets a knob before a disksize store, a store of it is
// put in front (comp_algorithm and algorithm_params must precede disksize, as on the kernel).
// Inserted events are not events of the input: they take the seq of the event they precede but
// write no output record (two records with one seq would make diff align the wrong events; the
// header's options say what was set), and a store the device refuses is bad input, named by its
// option.
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

/** The events with the knobs applied; the events themselves when no knob is set (no stage then). */
export function applyKnobs(events: Iterable<Recorded<ZramEvent>>, k: Knobs,
  state: KnobsState = { seen: new Set() }): Iterable<Recorded<ZramEvent>> {
  const over = overrides(k);
  return over.size === 0 ? events : new Knobbed(events[Symbol.iterator](), over, state.seen);
}

/** The stage as a hand-written iterator: an event passes through in one reused result object (a
 * generator allocates a result per event, and its resumption cost more than the stage's work). */
class Knobbed implements IterableIterator<Recorded<ZramEvent>> {
  private readonly due: Recorded<ZramEvent>[] = []; // what a store became, given before the next input event
  private readonly result: IteratorYieldResult<Recorded<ZramEvent>> = { done: false, value: undefined! };

  constructor(private readonly src: Iterator<Recorded<ZramEvent>>, private readonly over: Map<Attr, string>,
    private readonly seen: Set<string>) {}

  [Symbol.iterator](): this { return this; }

  next(): IteratorResult<Recorded<ZramEvent>> {
    if (this.due.length === 0) {
      const n = this.src.next();
      if (n.done) return n;
      const t = n.value.event.type;
      if (t !== 'AttrStored' && t !== 'ResetCompleted') { this.result.value = n.value; return this.result; }
      this.knob(n.value);
    }
    this.result.value = this.due.shift()!;
    return this.result;
  }

  /** A consumer that stops early closes the stages below (as a generator's for-of would). */
  return(value?: unknown): IteratorResult<Recorded<ZramEvent>> {
    this.src.return?.(value);
    return { done: true, value: undefined };
  }

  private knob(r: Recorded<ZramEvent>): void {
    const e = r.event;
    if (e.type === 'ResetCompleted') this.seen.clear();
    if (e.type !== 'AttrStored') { this.due.push(r); return; }
    if (e.attr === 'disksize') {
      for (const attr of ['comp_algorithm', 'algorithm_params', 'mem_limit'] as const) {
        if (this.over.has(attr) && !this.seen.has(attr)) this.due.push(injected(r, attr, this.over.get(attr)!));
      }
    }
    this.seen.add(e.attr);
    if (!this.over.has(e.attr)) { this.due.push(r); return; }
    const x = stored(r, e.attr, this.over.get(e.attr)!);
    REPLACED.add(x);
    this.due.push(x);
  }
}

const INJECTED = new WeakSet<Recorded<ZramEvent>>();
const REPLACED = new WeakSet<Recorded<ZramEvent>>();

// (only stores can be either: the type test spares the WeakSet lookup for every other event)
/** True for a store this module put in front of a disksize store (not an event of the input). */
export const isInjected = (r: Recorded<ZramEvent>): boolean => r.event.type === 'AttrStored' && INJECTED.has(r);
/** True for a recorded store whose value an option replaced. */
export const isReplaced = (r: Recorded<ZramEvent>): boolean => r.event.type === 'AttrStored' && REPLACED.has(r);

const OPTION: Record<Attr, string> = {
  comp_algorithm: '--algorithm', algorithm_params: '--param', mem_limit: '--mem-limit',
  disksize: '--disksize', mem_used_max: 'mem_used_max', compact: 'compact', idle: 'idle' };

/** The command-line option that set an injected store, for messages. */
export const knobOption = (attr: string): string => (Object.hasOwn(OPTION, attr) ? OPTION[attr as Attr] : attr);

const stored = (r: Recorded<ZramEvent>, attr: Attr, value: string): Recorded<ZramEvent> =>
  ({ seq: r.seq, ts: r.ts, event: { type: 'AttrStored', attr, value: withNewline(value) } });

function injected(r: Recorded<ZramEvent>, attr: Attr, value: string): Recorded<ZramEvent> {
  const x = stored(r, attr, value);
  INJECTED.add(x);
  return x;
}
