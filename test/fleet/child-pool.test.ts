// The worker's children stay up between jobs (src/fleet/child-pool.ts): checked against a stand-in
// child (ZRAM_REF_CHILD) that answers, fails, crashes, hangs or prints noise as each job asks, so
// every way a child can go wrong is met: its job fails (bad input or not), and the next job runs.
import { ChildFailed, ChildPool, RECYCLE_JOBS } from '../../src/fleet/child-pool';
import type { FleetJobData } from '../../src/fleet/job';

// the protocol of `zram-ref fleet child`: a job per stdin line, an answer per stdout line
const STAND_IN = `
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const { id, job } = JSON.parse(line);
  const say = (o) => process.stdout.write(JSON.stringify({ id, ...o }) + '\\n');
  switch (job.config) {
    case 'bad': return say({ error: "--algorithm 'nope': expected one of lzo-rle, lzo, lz4", badInput: true });
    case 'internal': return say({ error: 'a bug', badInput: false });
    case 'crash': process.stderr.write('stand-in: crashed on purpose\\n'); return process.exit(3);
    case 'hang': return;
    case 'noise': process.stdout.write('not json\\nnull\\n7\\n' + JSON.stringify({ id: id + 1000, row: {} }) + '\\n');
  }
  say({ row: { config: job.config, pid: process.pid } });
});
`;

const job = (config: string): FleetJobData =>
  ({ input: '/x', digest: 'sha256:0', config, variant: 'claim', content: 'exact', every: 0 });
const pidOf = (row: unknown): number => (row as { pid: number }).pid;
const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };

/** Waits (up to 10 s) until none of `pids` runs. */
async function gone(pids: number[]): Promise<void> {
  for (let t = 0; pids.some(alive); t++) {
    expect(t).toBeLessThan(200);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let saved: string | undefined;
beforeAll(() => {
  saved = process.env.ZRAM_REF_CHILD;
  process.env.ZRAM_REF_CHILD = JSON.stringify([process.execPath, '-e', STAND_IN, '--']);
});
afterAll(() => {
  if (saved === undefined) delete process.env.ZRAM_REF_CHILD; else process.env.ZRAM_REF_CHILD = saved;
});

/** What a job ends in: its row, or the ChildFailed's message and kind. */
async function outcome(pool: ChildPool, config: string, timeoutMs = 20_000): Promise<unknown> {
  try {
    return await pool.run(job(config), timeoutMs);
  } catch (e) {
    expect(e).toBeInstanceOf(ChildFailed);
    return { failed: (e as ChildFailed).message, badInput: (e as ChildFailed).badInput };
  }
}

test('one child answers job after job; errors come back as bad input or not', async () => {
  const pool = new ChildPool();
  try {
    const a = await pool.run(job('a'), 20_000), b = await pool.run(job('b'), 20_000);
    expect(a).toMatchObject({ config: 'a' });
    expect(pidOf(b)).toBe(pidOf(a)); // kept between jobs
    expect(await outcome(pool, 'bad'))
      .toEqual({ failed: expect.stringContaining("--algorithm 'nope'"), badInput: true });
    expect(await outcome(pool, 'internal')).toEqual({ failed: 'a bug', badInput: false });
    // lines that are not JSON, and answers to other ids, are not its answer
    expect(await outcome(pool, 'noise')).toMatchObject({ config: 'noise' });
    expect(pidOf(await pool.run(job('c'), 20_000))).toBe(pidOf(a));
  } finally {
    pool.close();
  }
});

test('a child that dies fails its job with its last words, not as bad input; the next job gets a new child',
  async () => {
    const pool = new ChildPool();
    try {
      const first = pidOf(await pool.run(job('a'), 20_000));
      expect(await outcome(pool, 'crash')).toEqual({ failed: 'stand-in: crashed on purpose', badInput: false });
      const next = pidOf(await pool.run(job('b'), 20_000));
      expect(next).not.toBe(first);
    } finally {
      pool.close();
    }
  });

test('a job past its timeout fails and its child is killed; the next job gets a new child', async () => {
  const pool = new ChildPool();
  try {
    const first = pidOf(await pool.run(job('a'), 20_000));
    expect(await outcome(pool, 'hang', 300)).toEqual({ failed: 'replay timed out after 0.3 s', badInput: false });
    // at once, before the killed child's exit is seen: the job still gets a live child
    expect(pidOf(await pool.run(job('b'), 20_000))).not.toBe(first);
    await gone([first]);
  } finally {
    pool.close();
  }
});

test(`jobs at once each get a child; a child is replaced after ${RECYCLE_JOBS} jobs; close ends them all`, async () => {
  const pool = new ChildPool();
  let pids: number[] = [];
  try {
    const rows = await Promise.all(['a', 'b', 'c'].map((c) => pool.run(job(c), 20_000)));
    expect(new Set(rows.map(pidOf)).size).toBe(3);
    const served: number[] = [];
    for (let i = 0; i < RECYCLE_JOBS; i++) served.push(pidOf(await pool.run(job(`r${i}`), 20_000)));
    expect(new Set(served).size).toBe(2); // the child that had done its share was replaced
    pids = [...new Set([...rows.map(pidOf), ...served])];
  } finally {
    pool.close();
  }
  await gone(pids);
});
