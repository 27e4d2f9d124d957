// A fleet job: one input (an event log, bundle or trace reachable at the same path on every
// worker) under one configuration. Its id is derived from the input's digest and the config, so
// submitting the same pair twice, or rerunning a submission, never makes a second job or result.
import { createHash } from 'node:crypto';

export const QUEUE_NAME = 'zram-ref-fleet';

export interface FleetJobData {
  readonly input: string;     // absolute path, the same on every worker
  readonly digest: string;    // the input's digest at submit time ("sha256:<hex>")
  readonly config: string;    // a compare --config spec: 'alg=lz4,level=8'
  readonly variant: string;
  readonly content: string;
  readonly every: number;
}

export function jobIdOf(d: Pick<FleetJobData, 'digest' | 'config' | 'variant' | 'content' | 'every'>): string {
  const key = JSON.stringify([d.digest, d.config, d.variant, d.content, d.every]);
  return createHash('sha256').update(key).digest('hex').slice(0, 40);
}

/** A submission groups its job ids under one name, for status and collect. */
export const submissionKey = (name: string): string => `${QUEUE_NAME}:submission:${name}`;

export function submissionNameOf(jobIds: readonly string[]): string {
  return createHash('sha256').update([...jobIds].sort().join('\n')).digest('hex').slice(0, 12);
}
