// Small random scenarios for the reduction tests: 2-3 threads of 1-3 steps over 3 pages, with
// opens, bios, resets and stores, from a seed (printed in the test titles).
import { rng } from '../../src/explore/kernel/random';

const STEPS = ['open', 'close', 'read P', 'write P', 'write P 2', 'discard P', 'reset', 'disksize 1M',
  'store mem_used_max 0', 'store compact 1'];

export function randomScenario(seed: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const lines = [`init: disksize 1M${r() < 0.5 ? '; write 0' : ''}`];
  const threads = 2 + Math.floor(r() * 2);
  for (let t = 0; t < threads; t++) {
    const n = 1 + Math.floor(r() * (threads === 3 ? 2 : 3));
    const steps = Array.from({ length: n }, () => pick(STEPS).replace('P', String(Math.floor(r() * 3))));
    lines.push(`thread ${'ABC'[t]} ${r() < 0.8 ? 'process' : 'reclaim'}: ${steps.join('; ')}`);
  }
  return lines.join('\n') + '\n';
}
