// Which compressor backend a report's numbers come from, under which kernel build profile, and
// how exact that backend is (compress/tier.ts). The algorithm is the --algorithm what-if, else
// the ones the input stored (when the replay saw them: `seen`, null for a report read from an
// outputs file, which does not say), else the kernel default.
import { exactnessOf } from '../compress/tier';
import { DEFAULT_COMP_ALGORITHM } from '../compress/types';
import type { OutputHeader } from '../replay/outputs';

export interface BackendInfo {
  kernelConfig: string;
  algorithm: string;  // e.g. "zstd"; several as "lz4, zstd" when the input switched
  tier: string;       // verified | same-library | approximate (the weakest of them)
  note: string;
}

const ORDER = ['verified', 'same-library', 'approximate'];

export function backendInfo(h: OutputHeader, seen: readonly string[] | null): BackendInfo {
  const kernelConfig = h.options.kernelConfig || 'default';
  if (!h.options.algorithm && seen === null) {
    return kernelConfig === 'default'
      ? { kernelConfig, algorithm: 'as recorded', tier: 'verified', note: 'every backend of this kernel\'s build is verified' }
      : { kernelConfig, algorithm: 'as recorded', tier: 'approximate',
        note: 'the input\'s own comp_algorithm, which the outputs do not name: replay with --algorithm to name it' };
  }
  const algs = h.options.algorithm ? [h.options.algorithm] : seen?.length ? [...new Set(seen)] : [DEFAULT_COMP_ALGORITHM];
  const ex = algs.map((a) => exactnessOf(a) ?? { tier: 'approximate' as const, note: `${a}: not a backend the model has` });
  const worst = ex.reduce((w, e) => (ORDER.indexOf(e.tier) > ORDER.indexOf(w.tier) ? e : w));
  return { kernelConfig, algorithm: algs.join(', '), tier: worst.tier, note: worst.note };
}
