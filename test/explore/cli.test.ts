// `zram-ref explore`: text (golden), JSON, and errors that name the file and line.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../replay/cli-harness';
import { SCENARIO_DIR } from './scenarios';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(['explore', ...args]);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

const golden = (name: string): string => fs.readFileSync(path.join(__dirname, 'golden', name), 'utf8');
const scn = (f: string): string => path.join(SCENARIO_DIR, f);

describe('explore CLI', () => {
  test('text output of one design (golden)', async () => {
    const r = await run(scn('nowake-reset.scn'), '--variant', 'refcount-nowake');
    expect(r).toEqual({ code: 0, out: golden('nowake-reset.refcount-nowake.txt'), err: '' });
  });

  test('text output of a diff (golden)', async () => {
    const r = await run(scn('open-vs-reset.scn'), '--diff', 'claim', 'refcount');
    expect(r).toEqual({ code: 0, out: golden('open-vs-reset.claim-refcount.txt'), err: '' });
  });

  test('--json gives counts that add up to the interleavings', async () => {
    const r = await run(scn('reset-vs-bio.scn'), '--variant', 'init-lock', '--json');
    const j = JSON.parse(r.out) as { interleavings: number; outcomes: { count: number; outcome: string[] }[] };
    expect(j.outcomes.reduce((a, o) => a + o.count, 0)).toBe(j.interleavings);
    expect(j.outcomes[0].outcome[0]).toMatch(/^A: write 1 → /);
  });

  test('a bad scenario: exit 2 and the file and line on stderr', async () => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scn-')), 'bad.scn');
    fs.writeFileSync(f, 'init: disksize 1M\n\nthread A process: open; frobnicate\n');
    const r = await run(f);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`zram-ref explore: ${f}:3: unknown step 'frobnicate' (known: open, close, read, write, discard, queue, complete, reset, disksize, store)\n`);
  });

  test('--reduce: the same outcomes as without, from fewer states, and said so in the header', async () => {
    const full = JSON.parse((await run(scn('open-vs-reset.scn'), '--json')).out) as { states: number; outcomes: { outcome: string[] }[] };
    const r = await run(scn('open-vs-reset.scn'), '--reduce', '--json');
    const red = JSON.parse(r.out) as { states: number; reduced: boolean; outcomes: { outcome: string[] }[] };
    expect(red.reduced).toBe(true);
    expect(red.states).toBeLessThan(full.states);
    const texts = (j: { outcomes: { outcome: string[] }[] }): string[] => j.outcomes.map((o) => o.outcome.join('\n')).sort();
    expect(texts(red)).toEqual(texts(full));
    const t = await run(scn('open-vs-reset.scn'), '--reduce');
    expect(t.out.split('\n')[2]).toBe('6 representative interleavings (partial-order reduction), 23 distinct states');
  });

  test('--reduce with --diff: exit 2', async () => {
    const r = await run(scn('open-vs-reset.scn'), '--diff', 'claim', 'refcount', '--reduce');
    expect(r).toEqual({ code: 2, out: '', err: 'zram-ref explore: --reduce explores one design; drop --reduce or --diff\n' });
  });

  test('an unknown variant: exit 2', async () => {
    const r = await run(scn('reset-vs-bio.scn'), '--variant', 'rcu');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown variant 'rcu'/);
  });
});
