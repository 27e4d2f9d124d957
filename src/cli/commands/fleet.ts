// `zram-ref fleet submit|worker|status|collect`: many inputs × many configs as BullMQ jobs on
// Redis, run by workers on any machine that reaches Redis and has the inputs at the same path.
import type { Command } from 'commander';
import * as path from 'node:path';
import { formatCompare } from '../../report/compare-table';
import { BadInputError } from '../../replay/bad-input';
import { collect, countStates, type CollectedJob } from '../../fleet/collect';
import { DEFAULT_REDIS, parseRedisUrl } from '../../fleet/redis';
import { submit } from '../../fleet/submit';
import { runWorker } from '../../fleet/worker';
import { parseEvery } from './replay';

const collectOpt = (v: string, acc: string[]): string[] => [...acc, v];

function wholeNumber(flag: string, s: string, min: number, max: number): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < min || n > max) throw new BadInputError(`${flag} '${s}': expected a whole number from ${min} to ${max}`);
  return n;
}

async function guarded(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof BadInputError)) throw e;
    process.stderr.write(`zram-ref fleet: ${e.message}\n`);
    return 2;
  }
}

export function register(program: Command, setExit: (code: number) => void): void {
  const fleet = program.command('fleet')
    .description('run many inputs × configs on workers through a Redis queue (BullMQ)')
    .addHelpText('after', `
Every machine needs the inputs at the same absolute path and reaches the same Redis:
  zram-ref fleet submit traces/bundles/* --config alg=lz4 --config alg=lzo   # prints a submission name
  zram-ref fleet worker            # on each machine, as many as its cores
  zram-ref fleet status NAME
  zram-ref fleet collect NAME --wait [--json]`);
  fleet.command('submit').description('put one job per (input, config) on the queue; prints the submission name')
    .argument('<inputs...>', 'event logs, bundles or traces (the same path on every worker)')
    .option('--config <spec>', "one configuration, as in compare: 'alg=lz4,level=8' (repeatable)", collectOpt, [] as string[])
    .option('--variant <name>', 'metadata-lifetime design', 'claim')
    .option('--content <mode>', 'exact | synthetic:SPEC | image:FILE', 'exact')
    .option('--every <n>', 'checkpoint interval in events', '1000')
    .option('--attempts <n>', 'tries per job before it is failed', '3')
    .option('--redis <url>', 'the queue\'s Redis', DEFAULT_REDIS)
    .option('--json', 'print the submission as JSON')
    .action(async (inputs: string[], o) => setExit(await guarded(async () => {
      const r = await submit(parseRedisUrl(o.redis), { inputs, configs: o.config, variant: o.variant, content: o.content,
        every: parseEvery(o.every), attempts: wholeNumber('--attempts', o.attempts, 1, 100) });
      process.stdout.write(o.json ? JSON.stringify(r) + '\n'
        : `submission ${r.submission}: ${r.jobs} jobs (${r.added} new, ${r.jobs - r.added} already submitted)\n`);
      return 0;
    })));
  fleet.command('worker').description('run jobs from the queue until SIGINT/SIGTERM')
    .option('--concurrency <n>', 'jobs at once (each in a child process, kept for the next job)', '1')
    .option('--job-timeout <s>', 'seconds one replay may take before the attempt fails', '600')
    .option('--lock <ms>', 'job lock; a killed worker\'s job is handed on after about this long', '30000')
    .option('--exit-when-idle', 'stop once the queue has no more jobs')
    .option('--redis <url>', 'the queue\'s Redis', DEFAULT_REDIS)
    .action(async (o) => setExit(await guarded(async () => {
      await runWorker(parseRedisUrl(o.redis), { concurrency: wholeNumber('--concurrency', o.concurrency, 1, 256),
        jobTimeoutMs: wholeNumber('--job-timeout', o.jobTimeout, 1, 86400) * 1000, lockMs: wholeNumber('--lock', o.lock, 1000, 3600000),
        exitWhenIdle: o.exitWhenIdle, log: (l) => process.stderr.write(`zram-ref fleet worker: ${l}\n`) });
      return 0;
    })));
  fleet.command('child', { hidden: true })
    .description('(internal) the process a worker runs its jobs in: a JSON line each on stdin, answered on stdout')
    .action(async () => {
      const { serveJobs } = await import('../fleet-child'); // loaded to run: the other fleet commands need none of it
      setExit(await serveJobs());
    });
  fleet.command('status').description('job counts of a submission')
    .argument('<submission>').option('--redis <url>', 'the queue\'s Redis', DEFAULT_REDIS).option('--json', 'JSON')
    .action(async (name: string, o) => setExit(await guarded(async () => {
      const counts = countStates(await collect(parseRedisUrl(o.redis), name));
      process.stdout.write(o.json ? JSON.stringify(counts) + '\n'
        : Object.entries(counts).map(([k, v]) => `${k} ${v}`).join('\n') + '\n');
      return 0;
    })));
  fleet.command('collect').description('the results of a submission as one compare table; exit 1 when a job failed')
    .argument('<submission>')
    .option('--wait', 'wait until every job has completed or failed')
    .option('--redis <url>', 'the queue\'s Redis', DEFAULT_REDIS).option('--json', 'JSON')
    .action(async (name: string, o) => setExit(await guarded(() => runCollect(name, o))));
}

const finished = (j: CollectedJob): boolean => j.state === 'completed' || j.state === 'failed' || j.state === 'unknown';

async function runCollect(name: string, o: { redis: string; wait?: boolean; json?: boolean }): Promise<number> {
  const target = parseRedisUrl(o.redis);
  let jobs = await collect(target, name);
  while (o.wait && !jobs.every(finished)) {
    await new Promise((r) => setTimeout(r, 500));
    jobs = await collect(target, name);
  }
  if (o.json) process.stdout.write(JSON.stringify(jobs, null, 2) + '\n');
  else {
    const rows = jobs.filter((j) => j.result).map((j) => ({ ...j.result!.row, config: `${path.basename(j.input)} ${j.config}` }));
    process.stdout.write(formatCompare(rows));
    for (const j of jobs.filter((x) => !x.result)) {
      process.stdout.write(`${j.state}: ${path.basename(j.input)} ${j.config}${j.error ? `: ${j.error}` : ''}\n`);
    }
  }
  if (jobs.some((j) => j.state === 'failed' || j.state === 'unknown')) return 1;
  if (!jobs.every(finished)) {
    process.stderr.write(`zram-ref fleet: ${jobs.filter((j) => !finished(j)).length} jobs still pending (use --wait)\n`);
    return 1;
  }
  return 0;
}
