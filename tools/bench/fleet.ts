// Fleet throughput: every committed bundle × 4 configs as jobs on a private redis-server, run by 1
// and then 2 `fleet worker` processes, against the same replays as plain `compare` processes one
// after another (the baseline, same run). Prints jobs/s and what 10 configs × 1,000 traces cost.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { redisServerMissing, startRedis } from '../fleet/redis-server';

const REPO = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO, 'bin/zram-ref');
const BUNDLES = fs.readdirSync(path.join(REPO, 'traces/bundles')).map((b) => path.join(REPO, 'traces/bundles', b));
const CONFIGS = ['alg=lz4', 'alg=lzo', 'alg=lzo-rle', 'alg=lz4,level=4']; // 40 jobs: a run of seconds, not start-ups

const run = (args: string[]): string => execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

function workers(n: number, url: string): Promise<void> {
  return Promise.all(Array.from({ length: n }, () => new Promise<void>((resolve, reject) => {
    const w = spawn(process.execPath, [BIN, 'fleet', 'worker', '--exit-when-idle', '--redis', url], { stdio: 'ignore' });
    w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exit ${code}`))));
  }))).then(() => undefined);
}

async function fleetRound(n: number, url: string): Promise<number> {
  // results are kept by log digest + config: without the flush the second round would find them done
  const flushed = spawnSync('redis-cli', ['-u', url, 'flushall'], { stdio: 'ignore' });
  if (flushed.error !== undefined || flushed.status !== 0) {
    const why = flushed.error?.message ?? `exit ${flushed.status}`;
    throw new Error(`redis-cli flushall failed (${why}): redis-tools installed?`);
  }
  const sub = JSON.parse(run(['fleet', 'submit', ...BUNDLES, ...CONFIGS.flatMap((c) => ['--config', c]), '--redis', url, '--json']));
  const t0 = process.hrtime.bigint();
  await workers(n, url);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  run(['fleet', 'collect', sub.submission, '--wait', '--redis', url]);
  return sub.jobs / s;
}

async function main(): Promise<void> {
  const missing = redisServerMissing();
  if (missing !== null) { console.log(`fleet: skipped (${missing})`); return; }
  const jobs = BUNDLES.length * CONFIGS.length;
  const t0 = process.hrtime.bigint();
  for (const b of BUNDLES) for (const c of CONFIGS) run(['compare', b, '--config', c, '--json']);
  const base = jobs / (Number(process.hrtime.bigint() - t0) / 1e9);
  const redis = await startRedis();
  try {
    const one = await fleetRound(1, redis.url);
    const two = await fleetRound(2, redis.url);
    console.log(`${jobs} jobs (${BUNDLES.length} bundles × ${CONFIGS.length} configs), this machine (${require('node:os').cpus().length} cores)`);
    console.log(`  sequential compare processes (baseline): ${base.toFixed(2)} jobs/s`);
    console.log(`  fleet, 1 worker:  ${one.toFixed(2)} jobs/s  (${(one / base).toFixed(2)}x baseline)`);
    console.log(`  fleet, 2 workers: ${two.toFixed(2)} jobs/s  (${(two / base).toFixed(2)}x baseline, ${(two / one).toFixed(2)}x 1 worker)`);
    const h = (rate: number) => (10_000 / rate / 3600).toFixed(2);
    console.log(`  10 configs × 1,000 such traces = 10,000 jobs: ${h(two)} h on this machine with 2 workers; ` +
      `with W such machines about ${h(two)}/W h (Redis holds about 1 KiB per job)`);
  } finally {
    await redis.stop();
  }
}

main().catch((e: Error) => { console.error(`fleet: ${e.message}`); process.exit(1); });
