// `zram-ref fleet child` (internal): the process a fleet worker keeps for its jobs
// (src/fleet/child-pool.ts). Each stdin line is one job; it is answered by one line on stdout,
// the compare row or the error, before the next is read. It ends when stdin does.
import * as readline from 'node:readline';
import type { ChildJob, ChildReply } from '../fleet/child-pool';
import type { FleetJobData } from '../fleet/job';
import { BadInputError } from '../replay/bad-input';
import { COMPARE_DEFAULTS, compareTable } from './commands/compare';

/** One job, as `zram-ref compare INPUT --config C --variant V --content X --every N --json` runs it. */
async function answer(id: number, d: FleetJobData): Promise<ChildReply> {
  try {
    const { rows, failures } = await compareTable(d.input, { ...COMPARE_DEFAULTS, config: [d.config],
      variant: d.variant, content: d.content, every: String(d.every), json: true });
    const f = failures[0];
    if (f !== undefined) return { id, error: `--config '${f.label}': ${f.message}`, badInput: f.badInput };
    return { id, row: rows[0] };
  } catch (e) {
    // bad input fails the job for good; anything else is retried (maybe on another worker)
    return { id, error: e instanceof Error ? e.message : String(e), badInput: e instanceof BadInputError };
  }
}

export async function serveJobs(): Promise<number> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const { id, job } = JSON.parse(line) as ChildJob;
    process.stdout.write(JSON.stringify(await answer(id, job)) + '\n');
  }
  return 0;
}
