// In which order the configurations fold, and so which of them fold side by side: the pool runs
// them in rounds of one per thread, each round reading one decode of the log. Configurations with
// the same algorithm and params go to different rounds, the first of each group early: side by
// side both would compress the same page at nearly the same time, while a later round finds
// every length the first one stored in the memo.
import type { CompareConfig } from '../replay/compare-config';

export const groupKey = (c: CompareConfig): string => `${c.knobs.algorithm ?? ''}|${c.knobs.params ?? ''}`;

/** The configurations' indices in folding order: every group's first member (in their order),
 * then every group's second, and so on. */
export function foldOrder(configs: readonly CompareConfig[]): number[] {
  const nth = new Map<string, number>();
  const rank = configs.map((c) => {
    const n = nth.get(groupKey(c)) ?? 0;
    nth.set(groupKey(c), n + 1);
    return n;
  });
  return configs.map((_, i) => i).sort((a, b) => rank[a] - rank[b] || a - b);
}

/** `order` cut into rounds of `threads`. */
export function rounds(order: readonly number[], threads: number): number[][] {
  const out: number[][] = [];
  for (let at = 0; at < order.length; at += threads) out.push(order.slice(at, at + threads));
  return out;
}
