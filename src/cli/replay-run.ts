// What `zram-ref replay INPUT` runs (commands/replay.ts has its options): the outputs planned,
// the session, the report printed (text, --json, --html FILE). Exit 0 done, 2 bad input.
import { formatReport, jsonReport } from '../report/text';
import { BadInputError } from '../replay/bad-input';
import { progressBar } from '../replay/progress';
import { replaySession } from '../replay/session';
import { timingPathFor } from '../replay/timing';
import { OutputFileError, OutputPlan, writeOutputFile } from '../io/output-file';
import { makeTarget } from '../replay/targets';
import { ModelImplementation } from '../replay/model-implementation';
import { parseEvery, parseJobs, type ReplayCliOpts } from './commands/replay';

/** Every file this run writes, checked before any work: not over an input, a device node or
 * a directory, and not the same file twice (the timings file included). */
function planOutputs(input: string, opts: ReplayCliOpts): void {
  const image = opts.content.startsWith('image:') ? [opts.content.slice('image:'.length)] : [];
  const plan = new OutputPlan([input, ...image]);
  if (opts.output) {
    plan.claim(opts.output, '-o');
    plan.claim(timingPathFor(opts.output), '-o (its timings file)');
  }
  if (opts.html) plan.claim(opts.html, '--html');
}

export async function runReplay(input: string, opts: ReplayCliOpts): Promise<number> {
  try {
    planOutputs(input, opts);
  } catch (e) {
    if (!(e instanceof OutputFileError)) throw e;
    process.stderr.write(`zram-ref replay: ${e.message}\n`);
    return 2;
  }
  const bar = progressBar('replay');
  try {
    const target = makeTarget(opts.target, opts.variant, opts.kernelConfig);
    const { report, impl } = await replaySession({
      input, out: opts.output, variant: opts.variant, kernelConfig: opts.kernelConfig, content: opts.content,
      every: parseEvery(opts.every), pace: opts.pace, jobs: parseJobs(opts.jobs),
      from: parseEvery(opts.from, '--from'), snapshotEvery: parseEvery(opts.snapshotEvery, '--snapshot-every'),
      knobs: { algorithm: opts.algorithm, params: opts.param.length ? opts.param.join(' ') : undefined, disksize: opts.disksize,
        memLimit: opts.memLimit },
      roundTrip: opts.roundTrip, target, onProgress: (d, t) => bar.update(d, t),
      onWarning: (w) => process.stderr.write(`zram-ref replay: warning: ${w}\n`), allowDamage: opts.allowDamage,
    });
    bar.stop();
    process.stdout.write(opts.json ? jsonReport(report) : formatReport(report));
    // the size-class chart needs the model's pool (a real device's is in debugfs, not read here)
    const classes = impl instanceof ModelImplementation ? impl.deviceState.pool?.classStats() : undefined;
    if (opts.html) {
      const { htmlReport } = await import('../report/html'); // only --html needs the page and its charts
      writeOutputFile(opts.html, htmlReport(report, { classes }));
    }
    return 0;
  } catch (e) {
    bar.stop();
    if (e instanceof BadInputError || e instanceof OutputFileError) {
      process.stderr.write(`zram-ref replay: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
