// comp_algorithm_store() and algorithm_params_store() (zram-6.18.md §2.3, §2.4; checked on the
// live kernel: strlen(buf) >= 128 → E2BIG before the name lookup; `algo=` must name the
// current primary algorithm; params may change after init and lz4 reads the level live).
import { builtInBackends } from '../../compress/profile';
import type { CompAlgorithm } from '../../compress/types';
import type { Errno } from '../../errors';
import { initDone, type DeviceState } from '../state';
import { kstrtoint, splitParams } from './parse';

const ZRAM_MAX_ALGO_NAME_SZ = 128;

/** The backends built into the device's kernel profile (what comp_algorithm lists and accepts). */
export const deviceBackends = (s: DeviceState): readonly CompAlgorithm[] => builtInBackends(s.deps.kernelConfig ?? 'default');

export function compAlgorithmStore(s: DeviceState, buf: string): Errno | null {
  if (buf.length >= ZRAM_MAX_ALGO_NAME_SZ) return 'E2BIG';
  const name = buf.endsWith('\n') ? buf.slice(0, -1) : buf;
  if (!(deviceBackends(s) as readonly string[]).includes(name)) return 'EINVAL';
  if (initDone(s)) return 'EBUSY';
  s.compAlgorithm = name as CompAlgorithm;
  return null;
}

/** What algorithm_params_store() makes of its text: the values it sets, or its error. Pure: the
 * `algo=` check against the device's primary algorithm is the store's. */
export interface AlgorithmParams { readonly prio: number; readonly level: number | null;
  readonly winbits: number | null; readonly algo: string | null }

export function parseAlgorithmParams(buf: string): AlgorithmParams | Errno {
  let prio = 0;
  let level: number | null = null;
  let winbits: number | null = null;
  let algo: string | null = null;
  for (const { key, value } of splitParams(buf)) {
    if (value === null || value === '') return 'EINVAL';
    if (key === 'priority' || key === 'level' || key === 'deflate.winbits') {
      const r = kstrtoint(value);
      if (!r.ok) return r.errno;
      if (key === 'priority') prio = r.value;
      if (key === 'level') level = r.value;
      if (key === 'deflate.winbits') winbits = r.value;
    } else if (key === 'algo') algo = value;
    // `dict=` would load a dictionary file: not modelled (no backend here uses one by default).
  }
  return { prio, level, winbits, algo };
}

export function algorithmParamsStore(s: DeviceState, buf: string): Errno | null {
  const p = parseAlgorithmParams(buf);
  if (typeof p === 'string') return p;
  const prio = p.algo !== null ? (p.algo === s.compAlgorithm ? 0 : -1) : p.prio;
  if (prio !== 0) return 'EINVAL'; // without CONFIG_ZRAM_MULTI_COMP only the primary exists
  s.level = p.level; // comp_params_reset() then set: an absent level becomes "not set"
  s.winbits = p.winbits;
  return null;
}
