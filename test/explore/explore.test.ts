// The explorer against a naive one (every interleaving, nothing merged), and its size limits.
import { explore, interleavingCount } from '../../src/explore';
import { allRuns } from './naive';
import { load, shipped } from './scenarios';

const SMALL = ['reset-vs-bio.scn', 'reclaim-vs-reset.scn', 'nowake-reset.scn', 'open-vs-reset.scn', 'late-bio-joins.scn'];
const VARIANTS = ['claim', 'refcount', 'refcount-nowake', 'init-lock'];

describe('explore', () => {
  test('the small scenarios are shipped', () => {
    expect(shipped()).toEqual(expect.arrayContaining(SMALL));
  });

  describe.each(SMALL)('%s', (file) => {
    test.each(VARIANTS)('merging states gives the same outcomes and counts as enumerating every interleaving (%s)', (v) => {
      const sc = load(file);
      const runs = allRuns(sc, v);
      const counts = new Map<string, number>();
      for (const r of runs) counts.set(r.text, (counts.get(r.text) ?? 0) + 1);
      const ex = explore(sc, [v]);
      expect(ex.interleavings).toBe(BigInt(runs.length));
      expect(new Map(ex.outcomes.map((g) => [g.texts[0], Number(g.count)]))).toEqual(counts);
      const kinds = new Set(runs.flatMap((r) => r.findings));
      expect(new Set(ex.findings.map((f) => f.kind).filter((k) => kinds.has(k)))).toEqual(kinds);
    });
  });

  test('with nothing blocking, every order of the steps is an interleaving (claim, reset-vs-bio)', () => {
    const sc = load('reset-vs-bio.scn');
    expect(explore(sc, ['claim']).interleavings).toBe(interleavingCount(sc.threads.map((t) => t.steps.length)));
  });

  test('a scenario of 11 concurrent steps (10,830 interleavings) is explored in seconds of CPU under every design', () => {
    const sc = load('reset-reinit.scn');
    expect(sc.threads.reduce((a, t) => a + t.steps.length, 0)).toBe(11);
    const cpu0 = process.cpuUsage();
    const sizes = VARIANTS.map((v) => explore(sc, [v]));
    const cpu = process.cpuUsage(cpu0);
    expect((cpu.user + cpu.system) / 1e6).toBeLessThan(20); // CPU seconds: the machine is shared
    expect(sizes.every((ex) => ex.nodes < 2000)).toBe(true);
    expect(sizes[0].interleavings).toBe(interleavingCount([4, 4, 3]));
  });

  test('an exploration past its state budget stops with an error naming the last thread line', () => {
    const sc = load('reset-reinit.scn');
    expect(() => explore(sc, ['refcount'], undefined, 100)).toThrow(/^line 6: too many states to explore: more than 100 distinct states for 11550 interleavings/);
    expect(explore(sc, ['refcount'], undefined, 1000).nodes).toBeLessThanOrEqual(1000);
  });

  test('--diff follows each order in both designs, blocked threads sleeping: refcount and init-lock differ only where a late bio joins', () => {
    expect(explore(load('reset-vs-bio.scn'), ['refcount', 'init-lock']).outcomes.every((g) => g.texts[0] === g.texts[1])).toBe(true);
    const diff = explore(load('late-bio-joins.scn'), ['refcount', 'init-lock']).outcomes.filter((g) => g.texts[0] !== g.texts[1]);
    expect(diff.length).toBeGreaterThan(0);
    for (const g of diff) {
      const late = g.example.findIndex((p) => /^C\.reset \(request\)/.test(p));
      const joined = g.example.slice(late + 1).find((p) => /write \d \(Q\)/.test(p))!.slice(0, 1);
      expect(g.texts[0]).toMatch(new RegExp(`^${joined}: write \\d → ok$`, 'm'));
      expect(g.texts[1]).toMatch(new RegExp(`^${joined}: write \\d → EIO$`, 'm'));
    }
  });

  test('--diff refcount vs refcount-nowake: the same orders, but the reset sleeps for ever', () => {
    const diff = explore(load('nowake-reset.scn'), ['refcount', 'refcount-nowake']).outcomes.filter((g) => g.texts[0] !== g.texts[1]);
    expect(diff).toHaveLength(1);
    expect(diff[0].texts[0]).toMatch(/B: reset → ok/);
    expect(diff[0].texts[1]).toMatch(/B: reset → blocked for ever/);
  });

  test('--diff of a design with itself lists nothing; two designs list the outcomes that differ', () => {
    const sc = load('open-vs-reset.scn');
    const same = explore(sc, ['refcount', 'refcount']);
    expect(same.outcomes.every((g) => g.texts[0] === g.texts[1])).toBe(true);
    const diff = explore(sc, ['claim', 'refcount']).outcomes.filter((g) => g.texts[0] !== g.texts[1]);
    expect(diff.length).toBeGreaterThan(0);
    expect(diff.some((g) => /open → EBUSY/.test(g.texts[0]) && /open → ok; write 0 → EIO/.test(g.texts[1]))).toBe(true);
  });
});
