// What compressing costs each backend: a DeviceDeps whose compressors time every call they make.
// The model compresses each distinct page content once (compress-page.ts memo), so the mean is
// the cost of one page. Wall time on this machine: for comparing backends in one run, not goldens.
import type { Compressor } from '../compress/types';
import type { DeviceDeps } from '../device/state';

export interface CostMeter { readonly deps: DeviceDeps; pages(): number; nsPerPage(): number | null }

export function costMeter(base: DeviceDeps): CostMeter {
  let calls = 0;
  let ns = 0;
  const timed = <A extends unknown[]>(f: (...a: A) => number) => (...a: A): number => {
    const t0 = performance.now();
    const r = f(...a);
    ns += (performance.now() - t0) * 1e6;
    calls++;
    return r;
  };
  const cache = new Map<string, Compressor>();
  const compressor: DeviceDeps['compressor'] = (alg) => {
    let c = cache.get(alg);
    if (!c) {
      const b = base.compressor(alg);
      c = { ...b, compress: timed(b.compress.bind(b)), compressedLength: timed(b.compressedLength.bind(b)) };
      cache.set(alg, c);
    }
    return c;
  };
  return { deps: { ...base, compressor }, pages: () => calls, nsPerPage: () => (calls ? Math.round(ns / calls) : null) };
}
