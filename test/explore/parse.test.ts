// The scenario format: what parses, and errors that name the line.
import { ScenarioError, interleavingCount, parseScenario } from '../../src/explore';

const errorOf = (text: string): ScenarioError => {
  try { parseScenario(text); } catch (e) { if (e instanceof ScenarioError) return e; throw e; }
  throw new Error('no error');
};

describe('scenario parser', () => {
  test('init and thread lines; bios and reset expand to two parts; comments and blank lines are ignored', () => {
    const sc = parseScenario('# c\ninit: disksize 1M; write 0\n\nthread A process: open; write 0 2; close # tail\nthread B reclaim: reset\n');
    expect(sc.init.map((s) => s.op.kind)).toEqual(['store', 'queue', 'complete']);
    expect(sc.threads.map((t) => [t.name, t.context, t.usesFd, t.steps.map((s) => s.part)])).toEqual([
      ['A', 'process', true, ['', 'Q', 'C', '']], ['B', 'reclaim', false, ['request', 'done']]]);
    expect(sc.threads[0].steps[1].op).toEqual({ kind: 'queue', bio: expect.any(String), op: 'write', page: 0, pages: 2 });
    expect(sc.bioIds.size).toBe(2);
  });

  test('explicit queue and complete in one thread', () => {
    const sc = parseScenario('thread A process: queue w write 3; open; complete w');
    expect(sc.threads[0].steps.map((s) => s.op.kind)).toEqual(['queue', 'open', 'complete']);
  });

  test.each([
    ['thread A process: open; wrte 0', 1, /unknown step 'wrte'/],
    ['init: disksize 1M\nthread A process: complete w; queue w write 0', 2, /complete w comes before its queue/],
    ['thread A process: queue w write 0\nthread B process: complete w', 2, /queued in another thread/],
    ['thread A process: queue w read 0; complete w; complete w', 1, /completes twice/],
    ['thread A process: write -1', 1, /page must be an integer/],
    ['thread A kernel: open', 1, /expected 'init: STEPS' or 'thread NAME/],
    ['thread A process: open\nthread A process: close', 2, /defined twice/],
    ['init: disksize 1M', 1, /no threads/],
    ['thread A process: store bogus 1', 1, /expected 'store ATTR VALUE'/],
  ])('%j fails at line %d', (text, line, msg) => {
    const e = errorOf(text);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(msg);
  });

  test('too many steps: the error names the line and says how many interleavings there would be', () => {
    const t = (n: string) => `thread ${n} process: ${Array(4).fill('write 0').join('; ')}`;
    const e = errorOf(['init: disksize 1M', t('A'), t('B'), t('C'), t('D')].join('\n'));
    expect(e.line).toBe(4); // the third thread crosses the limit
    expect(e.message).toMatch(/24 concurrent steps in 3 threads/);
    expect(e.message).toContain(`about ${Number(interleavingCount([8, 8, 8])).toExponential(1)} interleavings`);
  });
});

describe('interleavingCount', () => {
  const brute = (ls: number[]): number => (ls.every((n) => n === 0) ? 1 :
    ls.reduce((a, n, i) => (n === 0 ? a : a + brute(ls.map((m, j) => (j === i ? m - 1 : m)))), 0));
  test.each([[[1]], [[2, 2]], [[3, 1, 2]], [[4, 2]], [[2, 2, 2, 2]], [[0, 5]]])('%j matches brute force', (ls) => {
    expect(interleavingCount(ls)).toBe(BigInt(brute(ls)));
  });
  test('exact beyond 2^53', () => {
    expect(interleavingCount([20, 20])).toBe(137846528820n);
    const fact = (n: number): bigint => (n <= 1 ? 1n : BigInt(n) * fact(n - 1));
    expect(interleavingCount([15, 15, 15])).toBe(fact(45) / fact(15) ** 3n);
  });
});
