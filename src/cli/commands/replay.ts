// `zram-ref replay INPUT`: fold an input through the model or a real device, write the outputs
// (-o) and print the report (text, --json, --html FILE). Exit 0 done, 2 bad input.
import type { Command } from 'commander';
import { formatReport, htmlReport, jsonReport } from '../../report';
import { BadInputError } from '../../replay/bad-input';
import { progressBar } from '../../replay/progress';
import { replaySession } from '../../replay/session';
import { timingPathFor } from '../../replay/timing';
import { OutputFileError, OutputPlan, writeOutputFile } from '../../io/output-file';
import { makeTarget } from '../../replay/targets';
import type { Implementation } from '../../replay/implementation';
import { ModelImplementation } from '../../replay/model-implementation';

export interface ReplayCliOpts {
  output?: string; algorithm?: string; kernelConfig: string; param: string[]; disksize?: string; memLimit?: string; variant: string;
  content: string; target: string; every: string; pace?: boolean; json?: boolean; html?: string;
  from: string; snapshotEvery: string; allowDamage?: boolean; roundTrip?: boolean;
}

const collect = (v: string, acc: string[]): string[] => [...acc, v];

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('replay')
    .description('replay an event log on the model or a real zram device; write outputs and print the report')
    .argument('<input>', 'event log (zram-ref ingest), record bundle, or blktrace trace (ingested into a cached log first)')
    .option('-o, --output <file>', 'outputs (JSON lines); wall-clock timings go to FILE.timing.jsonl')
    .option('--algorithm <alg>', 'comp_algorithm instead of the recorded one (what-if): lzo-rle, lzo, lz4; with '
      + '--kernel-config all-backends also lz4hc, zstd, deflate, 842')
    .option('--kernel-config <name>', 'kernel build profile of the model: default (this kernel: lzo-rle, lzo, lz4) | '
      + 'all-backends (adds lz4hc, zstd, deflate, 842; --target model only)', 'default')
    .option('--param <key=value>', 'algorithm_params instead of the recorded ones, e.g. level=8 (repeatable)', collect, [] as string[])
    .option('--disksize <size>', 'disksize instead of the recorded one')
    .option('--mem-limit <size>', 'mem_limit instead of the recorded one')
    .option('--variant <name>', 'metadata-lifetime design of the model', 'claim')
    .option('--content <mode>', 'contents of writes that carry none: exact | synthetic:SPEC | image:FILE', 'exact')
    .option('--target <target>', 'model | new (a private real zram device, removed afterwards) | /dev/zramN (an existing unused device you reset first; left in place)', 'model')
    .option('--every <n>', 'a stat checkpoint every N events (0: kernel samples and the end only)', '1000')
    .option('--pace', "sleep to the trace's timing instead of replaying as fast as possible")
    .option('--from <n>', 'outputs from event N on (model): start at the latest fold snapshot at or before N', '0')
    .option('--snapshot-every <k>', 'save a fold snapshot every K events beside the log (LOG.snap/), for later --from', '0')
    .option('--json', 'print the report as JSON (with an "input" section: what decoding and ingest dropped)')
    .option('--allow-damage', "replay a bundle whose trace is damaged (what was decoded) instead of refusing it")
    .option('--html <file>', 'also write the report as one self-contained HTML page')
    .option('--round-trip', 'model: keep the compressed bytes and decompress them on every read, as the kernel does '
      + '(slower, more memory; the same outputs). Default: stored pages are read back from the log')
    .action(async (input: string, opts: ReplayCliOpts) => setExit(await runReplayCommand(input, opts)));
}

export function parseEvery(s: string, option = '--every'): number {
  const n = Number(s);
  if (s.trim() === '' || !Number.isSafeInteger(n) || n < 0) {
    throw new BadInputError(`${option} '${s}': expected a whole number >= 0`);
  }
  return n;
}

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

async function runReplayCommand(input: string, opts: ReplayCliOpts): Promise<number> {
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
      every: parseEvery(opts.every), pace: opts.pace,
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
    if (opts.html) writeOutputFile(opts.html, htmlReport(report, { classes }));
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
