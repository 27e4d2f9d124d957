import { AHEAD_GAP, AHEAD_NEAR, aheadMark } from '../../src/replay/ahead-mark';

/** The keys the worker compresses of pages 1..n when the fold asks for `want(k)` as it meets page k. */
function workerKeys(n: number, want: (k: number) => number): number[] {
  const mine: number[] = [];
  let mark = -1;
  for (let k = 1; k <= n; k++) {
    mark = aheadMark(k, want(k), mark);
    if (k > mark) mine.push(k);
  }
  return mine;
}

describe('compress-ahead: the pages the worker leaves to the fold', () => {
  test('before the fold asks, and far ahead of it, the worker takes every page', () => {
    expect(workerKeys(100, () => -1)).toHaveLength(100);
    expect(workerKeys(100, (k) => k - AHEAD_NEAR - 1)).toHaveLength(100);
  });

  test('a page the fold is past or near goes to the fold, with the next pages up to the gap', () => {
    expect(aheadMark(10, 10, -1)).toBe(10 + AHEAD_GAP); // the fold is at it
    expect(aheadMark(10, 20, -1)).toBe(20 + AHEAD_GAP); // the fold is past it
    expect(aheadMark(10 + AHEAD_NEAR, 10, -1)).toBe(10 + AHEAD_GAP); // the fold is near
    expect(aheadMark(11 + AHEAD_NEAR, 10, 5)).toBe(5); // not near: the mark stands
    expect(AHEAD_GAP).toBeGreaterThan(AHEAD_NEAR);
  });

  test('in lock-step, pages are no longer compressed on both threads, and the fold finishes sooner', () => {
    const skipPast = (key: number, want: number, mark: number): number => (key <= want ? key : mark); // the rule before
    for (const [worker, fold, compress] of [[3, 1, 2], [2, 1, 2], [4, 2, 3], [3, 2, 2]]) {
      const before = simulate(skipPast, 2000, worker, fold, compress);
      const now = simulate(aheadMark, 2000, worker, fold, compress);
      expect(before.both).toBeGreaterThan(0); // the waste this rule removes
      // measured here: 2000 → 25, 1001 → 1, 1334 → 1, 1001 → 1 pages on both; the fold done 20-40% sooner
      expect(now.both * 40).toBeLessThan(before.both);
      expect(now.end).toBeLessThan(before.end);
    }
  });
});

/** Pages 1..n through a worker taking `w` ticks a page, and a fold taking `f` ticks a page plus
 * `c` for a page it compresses itself (the worker's result was not ready when it came to it).
 * `both`: pages compressed on both threads; `end`: when the fold is done. */
function simulate(rule: typeof aheadMark, n: number, w: number, f: number, c: number): { both: number; end: number } {
  let wt = 0, ft = 0, wk = 1, fk = 1, want = -1, mark = -1, both = 0;
  const ready = new Map<number, number>();
  while (fk <= n) {
    if (wk <= n && wt <= ft) { // the worker meets page wk
      mark = rule(wk, want, mark);
      if (wk > mark) { wt += w; ready.set(wk, wt); }
      wk++;
    } else { // the fold asks for page fk
      want = fk;
      const r = ready.get(fk);
      if (r !== undefined && r <= ft) { ft += f; } else { ft += f + c; if (r !== undefined) both++; }
      fk++;
    }
  }
  return { both, end: ft };
}
