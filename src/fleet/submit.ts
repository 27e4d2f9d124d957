// `fleet submit`: one job per (input, config), named by digest + config, grouped under a
// submission name that status and collect take.
import { Queue } from 'bullmq';
import * as path from 'node:path';
import { BadInputError } from '../replay/bad-input';
import { parseCompareConfig } from '../replay/compare-config';
import { openInput } from '../replay/input';
import { jobIdOf, QUEUE_NAME, submissionKey, submissionNameOf, type FleetJobData } from './job';
import { connectOrFail, redisConnection, type RedisTarget } from './redis';

export interface SubmitOptions {
  readonly inputs: readonly string[];
  readonly configs: readonly string[];
  readonly variant: string;
  readonly content: string;
  readonly every: number;
  readonly attempts: number;
}

export interface SubmitResult { readonly submission: string; readonly jobs: number; readonly added: number }

/** The input's digest, as the replay computes it (the worker checks its own copy against it). */
async function digestOf(input: string, content: string): Promise<string> {
  const opened = await openInput(input, content);
  opened.close();
  return opened.digest;
}

export async function planJobs(o: SubmitOptions): Promise<FleetJobData[]> {
  if (o.inputs.length === 0) throw new BadInputError('fleet submit: no input given');
  if (!Number.isInteger(o.attempts) || o.attempts < 1 || o.attempts > 100) {
    throw new BadInputError(`--attempts ${o.attempts}: expected a whole number from 1 to 100`);
  }
  const configs = (o.configs.length ? o.configs : ['alg=lzo-rle']).map((c) => parseCompareConfig(c).label);
  const jobs: FleetJobData[] = [];
  for (const input of o.inputs) {
    const abs = path.resolve(input);
    const digest = await digestOf(abs, o.content);
    for (const config of configs) jobs.push({ input: abs, digest, config, variant: o.variant, content: o.content, every: o.every });
  }
  return jobs;
}

export async function submit(target: RedisTarget, o: SubmitOptions): Promise<SubmitResult> {
  const jobs = await planJobs(o);
  const probe = await connectOrFail(target);
  const queue = new Queue<FleetJobData>(QUEUE_NAME, { connection: redisConnection(target) });
  try {
    const ids = jobs.map(jobIdOf);
    let added = 0;
    for (let i = 0; i < jobs.length; i++) {
      if (await queue.getJob(ids[i])) continue; // the same (input, config) was submitted before
      await queue.add('replay', jobs[i], { jobId: ids[i], attempts: o.attempts, backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: false, removeOnFail: false });
      added++;
    }
    const submission = submissionNameOf(ids);
    await probe.sadd(submissionKey(submission), ...ids);
    return { submission, jobs: jobs.length, added };
  } finally {
    await queue.close();
    probe.disconnect();
  }
}
