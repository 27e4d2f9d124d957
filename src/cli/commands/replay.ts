// `zram-ref replay INPUT`: fold an input through the model or a real device, write the outputs
// (-o) and print the report (text, --json, --html FILE). Exit 0 done, 2 bad input.
import type { Command } from 'commander';
import * as fs from 'node:fs';
import { formatReport, htmlReport, jsonReport } from '../../report';
import { BadInputError } from '../../replay/bad-input';
import { progressBar } from '../../replay/progress';
import { replaySession } from '../../replay/session';
import { makeTarget } from '../../replay/targets';

export interface ReplayCliOpts {
  output?: string; algorithm?: string; param: string[]; disksize?: string; memLimit?: string; variant: string;
  content: string; target: string; every: string; pace?: boolean; json?: boolean; html?: string; allowDamage?: boolean;
}

const collect = (v: string, acc: string[]): string[] => [...acc, v];

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('replay')
    .description('replay an event log on the model or a real zram device; write outputs and print the report')
    .argument('<input>', 'event log (zram-ref log file)')
    .option('-o, --output <file>', 'outputs (JSON lines); wall-clock timings go to FILE.timing.jsonl')
    .option('--algorithm <alg>', 'comp_algorithm instead of the recorded one (what-if)')
    .option('--param <key=value>', 'algorithm_params instead of the recorded ones, e.g. level=8 (repeatable)', collect, [] as string[])
    .option('--disksize <size>', 'disksize instead of the recorded one')
    .option('--mem-limit <size>', 'mem_limit instead of the recorded one')
    .option('--variant <name>', 'metadata-lifetime design of the model', 'claim')
    .option('--content <mode>', 'contents of writes that carry none: exact | synthetic:SPEC | image:FILE', 'exact')
    .option('--target <target>', 'model | new (a private real zram device, removed afterwards) | /dev/zramN (an existing unused device you reset first; left in place)', 'model')
    .option('--every <n>', 'a stat checkpoint every N events (0: kernel samples and the end only)', '1000')
    .option('--pace', "sleep to the trace's timing instead of replaying as fast as possible")
    .option('--json', 'print the report as JSON (with an "input" section: what decoding and ingest dropped)')
    .option('--allow-damage', "replay a bundle whose trace is damaged (what was decoded) instead of refusing it")
    .option('--html <file>', 'also write the report as one self-contained HTML page')
    .action(async (input: string, opts: ReplayCliOpts) => setExit(await runReplayCommand(input, opts)));
}

export function parseEvery(s: string): number {
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n < 0) throw new BadInputError(`--every '${s}': expected a whole number >= 0`);
  return n;
}

async function runReplayCommand(input: string, opts: ReplayCliOpts): Promise<number> {
  const bar = progressBar('replay');
  try {
    const { report, losses } = await replaySession({
      input, out: opts.output, variant: opts.variant, content: opts.content, every: parseEvery(opts.every), pace: opts.pace,
      knobs: { algorithm: opts.algorithm, params: opts.param.length ? opts.param.join(' ') : undefined, disksize: opts.disksize,
        memLimit: opts.memLimit },
      target: makeTarget(opts.target, opts.variant), onProgress: (d, t) => bar.update(d, t),
      onWarning: (w) => process.stderr.write(`zram-ref replay: warning: ${w}\n`), allowDamage: opts.allowDamage,
    });
    bar.stop();
    process.stdout.write(opts.json ? (losses ? jsonReport({ ...report, input: losses } as typeof report) : jsonReport(report))
      : formatReport(report));
    if (opts.html) fs.writeFileSync(opts.html, htmlReport(report));
    return 0;
  } catch (e) {
    bar.stop();
    if (e instanceof BadInputError) {
      process.stderr.write(`zram-ref replay: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
