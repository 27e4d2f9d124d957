// The fleet against a real redis-server: jobs submitted once, run by two worker processes while a
// third is killed with SIGKILL mid-job, every result collected exactly once and equal to a direct
// compare; a missing input, a job that fails and an unreachable Redis end in clear errors.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliFromSources, REPO, startCli } from '../helpers/cli-child';
import { redisServerMissing, startRedis, type TestRedis } from '../../tools/fleet/redis-server';
import { describeUnless } from '../helpers/skip';

const CHILD_ENV = { ZRAM_REF_CHILD: JSON.stringify(cliFromSources()) };
const BUNDLES = ['seqwrite', 'mem-limit'].map((b) => path.join(REPO, 'traces/bundles', b));

async function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return startCli(args, CHILD_ENV).done;
}

async function waitFor(pred: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describeUnless(redisServerMissing(), 'fleet on a real redis-server (loopback)', () => {
  let redis: TestRedis;
  beforeAll(async () => { redis = await startRedis(); });
  afterAll(async () => { await redis?.stop(); });

  test('2 bundles × 2 configs: submitted once, a worker killed mid-job, every result once and equal to compare', async () => {
    const configs = ['--config', 'alg=lz4', '--config', 'alg=lzo'];
    const sub = await cli(['fleet', 'submit', ...BUNDLES, ...configs, '--redis', redis.url, '--json']);
    expect(sub.code).toBe(0);
    const { submission, jobs, added } = JSON.parse(sub.stdout);
    expect([jobs, added]).toEqual([4, 4]);
    const again = JSON.parse((await cli(['fleet', 'submit', ...BUNDLES, ...configs, '--redis', redis.url, '--json'])).stdout);
    expect(again).toEqual({ submission, jobs: 4, added: 0 });

    // its replays start slowly, so it is surely mid-job when killed (a replay takes well under a second)
    const doomed = startCli(['fleet', 'worker', '--redis', redis.url, '--lock', '2000'],
      { ...CHILD_ENV, ZRAM_REF_TEST_DELAY_MS: '4000' });
    await waitFor(async () => /active [1-9]/.test((await cli(['fleet', 'status', submission, '--redis', redis.url])).stdout), 60000);
    const atKill = JSON.parse((await cli(['fleet', 'collect', submission, '--json', '--redis', redis.url])).stdout) as
      { id: string; state: string }[];
    doomed.child.kill('SIGKILL');
    await doomed.done;
    const doneBefore = new Set(atKill.filter((j) => j.state === 'completed').map((j) => j.id));
    const activeAtKill = atKill.filter((j) => j.state === 'active').map((j) => j.id);
    expect(activeAtKill.length).toBeGreaterThanOrEqual(1);
    const workers = [1, 2].map(() => startCli(['fleet', 'worker', '--redis', redis.url, '--lock', '2000'], CHILD_ENV));
    const res = await cli(['fleet', 'collect', submission, '--wait', '--json', '--redis', redis.url]);
    workers.forEach((w) => w.child.kill('SIGTERM'));
    await Promise.all(workers.map((w) => w.done));
    expect(res.code).toBe(0);
    const collected = JSON.parse(res.stdout) as { id: string; state: string; config: string; input: string;
      result: { worker: string; row: Record<string, unknown> } }[];
    expect(collected).toHaveLength(4);
    expect(new Set(collected.map((j) => j.id)).size).toBe(4);
    expect(collected.every((j) => j.state === 'completed')).toBe(true);
    // what the killed worker had not finished was run to the end by the others, once
    const byDoomed = (j: (typeof collected)[number]) => j.result.worker.endsWith(`:${doomed.child.pid}`);
    expect(collected.filter((j) => !doneBefore.has(j.id) && byDoomed(j)).map((j) => j.id)).toEqual([]);
    expect(activeAtKill.every((id) => collected.some((j) => j.id === id && j.state === 'completed'))).toBe(true);
    for (const j of collected) {
      const direct = JSON.parse((await cli(['compare', j.input, '--config', j.config, '--json'])).stdout)[0];
      for (const k of ['origToCompr', 'origToMemUsed', 'memUsedMax', 'hugePages', 'samePages', 'kernelSamplesExact']) {
        expect([k, j.result.row[k]]).toEqual([k, direct[k]]);
      }
    }
  }, 240000);

  test('a missing input is retried, then failed with the path named; bad input fails at once; collect exits 1', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-fleet-'));
    const [gone, kept] = ['gone', 'kept'].map((n) => path.join(tmp, n));
    for (const c of [gone, kept]) fs.cpSync(BUNDLES[0], c, { recursive: true });
    const submit = async (input: string, config: string) => JSON.parse((await cli(['fleet', 'submit', input, '--config', config,
      '--attempts', '2', '--redis', redis.url, '--json'])).stdout).submission as string;
    // level=2: a config test 1 did not run (a job is keyed by digest + config, and the copies have the same digest)
    const subs = [await submit(gone, 'alg=lz4,level=2'), await submit(kept, 'alg=nope')];
    fs.rmSync(gone, { recursive: true, force: true });
    const worker = startCli(['fleet', 'worker', '--redis', redis.url], CHILD_ENV);
    const res = await Promise.all(subs.map((s) => cli(['fleet', 'collect', s, '--wait', '--json', '--redis', redis.url])));
    worker.child.kill('SIGTERM');
    await worker.done;
    fs.rmSync(tmp, { recursive: true, force: true });
    expect(res.map((r) => r.code)).toEqual([1, 1]);
    const [missingJob, badJob] = res.map((r) => (JSON.parse(r.stdout) as { state: string; attempts: number; error: string }[])[0]);
    expect(missingJob).toMatchObject({ state: 'failed', attempts: 2, error: expect.stringContaining(`${gone}: not on worker`) });
    expect(badJob).toMatchObject({ state: 'failed', attempts: 1, error: expect.stringContaining("--algorithm 'nope'") });
  }, 120000);

  test('Redis unreachable: one line naming the URL, exit 2', async () => {
    const r = await cli(['fleet', 'submit', BUNDLES[0], '--redis', 'redis://127.0.0.1:1']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('cannot reach Redis at redis://127.0.0.1:1')]);
  }, 60000);
});
