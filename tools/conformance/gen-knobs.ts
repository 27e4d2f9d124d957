// sysfs knob ops: initialisation plans and the bad values the kernel must refuse.
import { COMP_ALGORITHMS, CompAlgorithm } from '../../src/compress/types';
import { Prng } from '../../src/content';
import { Op } from './ops';

const store = (attr: string, value: string): Op => ({ kind: 'store', attr, value });

/** Knob writes that must fail (or be no-ops) in any state; which errno is for the kernel to say. */
const BAD_KNOBS: readonly Op[] = [
  store('disksize', '0'), store('disksize', 'abc'), store('comp_algorithm', 'zstd'),
  store('reset', '0'), store('reset', 'abc'), store('mem_used_max', '5'), store('mem_limit', 'abc'),
  store('idle', '1'), store('idle', 'all'), store('compact', '1'), store('mem_used_max', '0'),
  store('algorithm_params', 'priority=1 level=1'), store('algorithm_params', 'level'),
  store('comp_algorithm', 'x'.repeat(130)), { kind: 'show', attr: 'algorithm_params' },
  store('reset', '65536'), store('reset', '-1'), store('reset', '2'), store('mem_used_max', '0x0'),
  store('comp_algorithm', 'lz4 '), store('mem_limit', '0x10000'), store('algorithm_params', 'algo=zstd level=1'),
];

/** algorithm_params on a live device: lz4 takes the new level for later writes (spec §2.4). */
function liveParams(rng: Prng): Op {
  const level = rng.pick([0, 1, 2, 4, 8, 65537]);
  return rng.chance(0.7) ? store('algorithm_params', `level=${level}`) : store('algorithm_params', `algo=${rng.pick(COMP_ALGORITHMS)} level=${level}`);
}

export function badKnob(rng: Prng, initialized: boolean): Op {
  if (initialized && rng.chance(0.15)) return liveParams(rng);
  if (initialized && rng.chance(0.3)) {
    // changing the algorithm or the size of an initialised device
    return rng.chance(0.5) ? store('comp_algorithm', rng.pick(COMP_ALGORITHMS)) : store('disksize', `${rng.range(1, 8)}M`);
  }
  return rng.pick(BAD_KNOBS);
}

function disksizeText(rng: Prng): string {
  const pages = rng.pick([256, 384, 512, 1024, 2048, 4096]);
  switch (rng.below(4)) {
    case 0: return `${(pages * 4096) / 1048576}M`;
    case 1: return `0x${(pages * 4096).toString(16)}`;
    case 2: return String(pages * 4096 - rng.range(1, 4095)); // rounded up to a page by the kernel
    default: return String(pages * 4096);
  }
}

/** comp_algorithm, optional algorithm_params and mem_limit, then disksize. */
export function initPlan(rng: Prng, alg: CompAlgorithm): Op[] {
  const chosen = rng.chance(0.75) ? alg : rng.pick(COMP_ALGORITHMS);
  const plan: Op[] = [];
  if (chosen !== 'lzo-rle' || rng.chance(0.5)) plan.push(store('comp_algorithm', chosen));
  if (chosen === 'lz4' && rng.chance(0.25)) plan.push(store('algorithm_params', `level=${rng.pick([0, 1, 2, 3, 8, 17])}`));
  if (rng.chance(0.1)) plan.push(store('algorithm_params', `algo=${chosen} level=${rng.range(1, 9)}`));
  if (rng.chance(0.15)) plan.push(store('mem_limit', `${rng.range(16, 512)}K`));
  plan.push(store('disksize', disksizeText(rng)));
  return plan;
}

/** mem_limit around the current usage (so writes start failing), or lifted again. */
export function memLimit(rng: Prng, memUsedBytes: number): Op {
  const r = rng.float();
  if (r < 0.4) return store('mem_limit', '0');
  if (r < 0.85) return store('mem_limit', String(memUsedBytes + rng.range(0, 8) * 4096 + rng.pick([0, 1000])));
  return store('mem_limit', rng.pick(['1G', '5000', '64K']));
}
