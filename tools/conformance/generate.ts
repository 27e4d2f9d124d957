// Seeded generator of operation sequences. It looks at the device (through a small view the
// runner derives from the compared texts) to keep most ops meaningful, and queues multi-op
// plans such as re-initialisation.
import { CompAlgorithm } from '../../src/compress/types';
import { Prng, prngFor } from '../../src/content';
import { badKnob, initPlan, memLimit } from './gen-knobs';
import { IoGen } from './gen-io';
import { Op } from './ops';

export interface GenView {
  readonly initialized: boolean;
  readonly disksize: number;
  readonly memUsed: number;
  readonly openFds: number;
}

type Choice = [weight: number, make: (v: GenView) => Op | Op[]];

export class OpGenerator {
  private readonly rng: Prng;
  private readonly io: IoGen;
  private readonly queue: Op[] = [];
  private readonly choices: Choice[];

  constructor(readonly seed: number, private readonly alg: CompAlgorithm) {
    this.rng = prngFor(seed, 'conformance-ops');
    this.io = new IoGen(prngFor(seed, 'conformance-io'), seed);
    const pages = (v: GenView) => v.disksize / 4096;
    this.choices = [
      [34, (v) => this.io.write(pages(v))],
      [14, (v) => this.io.read(pages(v))],
      [5, (v) => this.io.discard(pages(v), 'discard')],
      [3, (v) => this.io.discard(pages(v), 'writeZeroes')],
      [4, (v) => this.io.bad(pages(v))],
      [3, () => ({ kind: 'store', attr: 'compact', value: '1' })],
      [3, (v) => this.tightLimit(v)],
      [2, () => ({ kind: 'store', attr: 'mem_used_max', value: '0' })],
      [3, () => badKnob(this.rng, true)],
      [2, (v) => (v.openFds < 3 ? { kind: 'open' } : { kind: 'close', slot: this.rng.below(v.openFds) })],
      [2, (v) => (v.openFds > 0 ? { kind: 'close', slot: this.rng.below(v.openFds) } : { kind: 'open' })],
      [1.5, (v) => this.reset(v)],
    ];
  }

  next(view: GenView): Op {
    if (this.queue.length === 0) this.queue.push(...this.plan(view));
    return this.queue.shift()!;
  }

  private plan(v: GenView): Op[] {
    if (!v.initialized) {
      if (this.rng.chance(0.3)) return [this.uninitialisedOp(v)];
      return initPlan(this.rng, this.alg);
    }
    const total = this.choices.reduce((s, c) => s + c[0], 0);
    let x = this.rng.float() * total;
    for (const [w, make] of this.choices) {
      if (x < w) return ([] as Op[]).concat(make(v));
      x -= w;
    }
    return ([] as Op[]).concat(this.choices[0][1](v));
  }

  /** A limit near current usage, a few writes against it, then (mostly) the limit lifted again. */
  private tightLimit(v: GenView): Op[] {
    const writes = Array.from({ length: this.rng.range(1, 4) }, () => this.io.write(v.disksize / 4096));
    const lift: Op[] = this.rng.chance(0.8) ? [{ kind: 'store', attr: 'mem_limit', value: '0' }] : [];
    return [memLimit(this.rng, v.memUsed), ...writes, ...lift];
  }

  /** Reset (EBUSY while an fd is open, sometimes on purpose) followed by re-initialisation. */
  private reset(v: GenView): Op[] {
    const reset: Op = { kind: 'store', attr: 'reset', value: '1' };
    if (v.openFds > 0 && this.rng.chance(0.5)) return [reset]; // must fail with EBUSY
    const closes: Op[] = Array.from({ length: v.openFds }, () => ({ kind: 'close', slot: 0 }));
    return [...closes, reset];
  }

  private uninitialisedOp(v: GenView): Op {
    switch (this.rng.below(5)) {
      case 0: return { kind: 'write', offset: 0, pages: [this.io.page()], extra: 0 };
      case 1: return { kind: 'read', offset: 0, length: 4096 };
      case 2: return { kind: 'discard', offset: 0, length: 4096 };
      case 3: return v.openFds > 0 ? { kind: 'close', slot: 0 } : { kind: 'open' };
      default: return badKnob(this.rng, false);
    }
  }
}
