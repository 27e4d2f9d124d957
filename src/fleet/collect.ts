// `fleet status` and `fleet collect`: the jobs of one submission, their states, and the results
// as one compare table (each result exactly once: a job id is its input digest + config).
import { Queue } from 'bullmq';
import { BadInputError } from '../replay/bad-input';
import { QUEUE_NAME, submissionKey, type FleetJobData } from './job';
import { connectOrFail, redisConnection, type RedisTarget } from './redis';
import type { FleetResult } from './worker';

export type JobState = 'completed' | 'failed' | 'active' | 'waiting' | 'delayed' | 'prioritized' | 'waiting-children' | 'unknown';

export interface CollectedJob {
  readonly id: string;
  readonly input: string;
  readonly config: string;
  readonly state: JobState;
  readonly attempts: number;
  readonly result: FleetResult | null;
  readonly error: string | null;
}

export async function collect(target: RedisTarget, submission: string): Promise<CollectedJob[]> {
  const redis = await connectOrFail(target);
  const queue = new Queue<FleetJobData, FleetResult>(QUEUE_NAME, { connection: redisConnection(target) });
  try {
    const ids = (await redis.smembers(submissionKey(submission))).sort();
    if (ids.length === 0) throw new BadInputError(`submission '${submission}': not known to Redis at ${target.url}`);
    const jobs: CollectedJob[] = [];
    for (const id of ids) {
      const job = await queue.getJob(id);
      if (!job) {
        jobs.push({ id, input: '?', config: '?', state: 'unknown', attempts: 0, result: null, error: 'job removed from Redis' });
        continue;
      }
      const state = (await job.getState()) as JobState;
      jobs.push({ id, input: job.data.input, config: job.data.config, state, attempts: job.attemptsMade,
        result: state === 'completed' ? job.returnvalue : null, error: state === 'failed' ? job.failedReason : null });
    }
    return jobs.sort((a, b) => a.input.localeCompare(b.input) || a.config.localeCompare(b.config));
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

export function countStates(jobs: readonly CollectedJob[]): Record<string, number> {
  const n: Record<string, number> = {};
  for (const j of jobs) n[j.state] = (n[j.state] ?? 0) + 1;
  return n;
}
