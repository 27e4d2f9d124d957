// `fleet worker`: takes jobs from the queue until stopped. Each job's input must be at the same
// path on this machine with the digest it was submitted with; a missing or different input fails
// the attempt (another worker may have it: the job is retried there), bad input fails the job for
// good, and a worker killed mid-job loses nothing: BullMQ sees its lock lapse and hands the job on.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { CompareRow } from '../report/compare-table';
import { openInput } from '../replay/input';
import { QUEUE_NAME, type FleetJobData } from './job';
import { connectOrFail, redisConnection, type RedisTarget } from './redis';
import { ChildFailed, ChildPool } from './child-pool';

export interface FleetResult {
  readonly input: string;
  readonly digest: string;
  readonly config: string;
  readonly row: CompareRow;
  readonly worker: string;   // host:pid that ran it
  readonly ms: number;       // the replay's wall time on that worker
}

export interface WorkerOptions {
  readonly concurrency: number;
  readonly jobTimeoutMs: number;
  readonly lockMs: number;          // how soon a killed worker's job is handed on
  readonly exitWhenIdle?: boolean;  // for benchmarks and tests: stop once the queue is drained
  readonly log?: (line: string) => void;
}

const WORKER_NAME = `${os.hostname()}:${process.pid}`;

async function checkInput(d: FleetJobData): Promise<void> {
  if (!fs.existsSync(d.input)) {
    throw new Error(`${d.input}: not on worker ${WORKER_NAME}; every worker needs the inputs at the same path`);
  }
  const opened = await openInput(d.input, d.content);
  opened.close();
  if (opened.digest !== d.digest) {
    throw new Error(`${d.input}: on worker ${WORKER_NAME} it has digest ${opened.digest}, submitted as ${d.digest}`);
  }
}

export async function processJob(job: Job<FleetJobData>, timeoutMs: number, children: ChildPool): Promise<FleetResult> {
  const d = job.data;
  await checkInput(d);
  const t0 = Date.now();
  try {
    const row = await children.run(d, timeoutMs);
    return { input: d.input, digest: d.digest, config: d.config, row, worker: WORKER_NAME, ms: Date.now() - t0 };
  } catch (e) {
    if (e instanceof ChildFailed && e.badInput) throw new UnrecoverableError(e.message);
    throw e;
  }
}

export async function runWorker(target: RedisTarget, o: WorkerOptions): Promise<void> {
  (await connectOrFail(target)).disconnect();
  const children = new ChildPool();
  const worker = new Worker<FleetJobData, FleetResult>(QUEUE_NAME, (job) => processJob(job, o.jobTimeoutMs, children), {
    connection: redisConnection(target), concurrency: o.concurrency, lockDuration: o.lockMs,
    stalledInterval: Math.max(1000, Math.floor(o.lockMs / 2)), maxStalledCount: 3,
  });
  worker.on('completed', (job) => o.log?.(`done ${job.id} ${job.data.config} ${job.data.input}`));
  worker.on('failed', (job, err) => o.log?.(`failed ${job?.id ?? '?'} (attempt ${job?.attemptsMade ?? '?'}): ${err.message}`));
  worker.on('error', (err) => o.log?.(`worker error: ${err.message}`));
  const stop = new Promise<void>((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(sig, () => resolve());
    if (o.exitWhenIdle) worker.on('drained', () => resolve());
  });
  await stop;
  await worker.close();
  children.close();
}
