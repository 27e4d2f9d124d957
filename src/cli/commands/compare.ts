// `zram-ref compare INPUT --config 'alg=lz4,level=1' --config 'alg=lzo' ...`: the same input
// replayed under each configuration, as one table. --all-algorithms: one row per backend of the
// kernel profile (with --kernel-config all-backends, every backend the model has).
// On the model, the input is opened once and each configuration folded on its own worker thread
// (src/compare), sharing compressed lengths; --sequential folds them here one after another.
// Exit 0 done, 2 bad input (a configuration that fails is named; the others are still printed),
// 70 a configuration's fold failed for another reason (a bug, or its worker thread died).
import type { Command } from 'commander';
import { DEFAULT_KERNEL_CONFIG, builtInBackends, isKernelConfig } from '../../compress/profile';
import { compareParallel } from '../../compare/parallel';
import { compareProgress } from '../../compare/progress';
import { compareSequential } from '../../compare/sequential';
import type { FoldOutcome } from '../../compare/job';
import { compareRow, formatCompare, type CompareRow } from '../../report/compare-table';
import { compareHtml } from '../../report/compare-html';
import type { Report } from '../../report';
import { OutputFileError, OutputPlan, writeOutputFile } from '../../io/output-file';
import { BadInputError } from '../../replay/bad-input';
import { parseCompareConfig, type CompareConfig } from '../../replay/compare-config';
import { checkKernelConfig } from '../../replay/session';
import { makeTarget } from '../../replay/targets';
import { EXIT_BAD_INPUT, EXIT_INTERNAL } from '../failure';
import { parseEvery, parseJobs } from './replay';

export interface CompareOpts {
  config: string[]; allAlgorithms?: boolean; kernelConfig: string; target: string; variant: string; content: string;
  every: string; json?: boolean; html?: string; jobs?: string; sequential?: boolean;
}

const collect = (v: string, acc: string[]): string[] => [...acc, v];

/** The defaults of --kernel-config and --target (a fleet child runs its jobs with them too). */
export const COMPARE_DEFAULTS = { kernelConfig: DEFAULT_KERNEL_CONFIG, target: 'model' } as const;

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('compare')
    .description('replay one input under several configurations and print one table')
    .argument('<input>', 'event log, record bundle or blktrace trace (ingested once into a cached log)')
    .option('--config <spec>', "knobs of one configuration: 'alg=lz4,level=1', 'alg=lzo,mem_limit=2M' (repeatable)", collect, [] as string[])
    .option('--all-algorithms', 'one configuration per backend of the kernel profile '
      + '(with --kernel-config all-backends: lzo-rle, lzo, lz4, lz4hc, zstd, deflate, 842)')
    .option('--kernel-config <name>', 'kernel build profile of the model: default | all-backends',
      COMPARE_DEFAULTS.kernelConfig)
    .option('--target <target>', 'model | new (a private real zram device; configurations run one after another)',
      COMPARE_DEFAULTS.target)
    .option('--variant <name>', 'metadata-lifetime design of the model', 'claim')
    .option('--content <mode>', 'exact | synthetic:SPEC | image:FILE', 'exact')
    .option('--every <n>', 'checkpoint interval in events', '1000')
    .option('--jobs <n>', 'worker threads folding the configurations (default: one per core, at most one per '
      + 'configuration, none for a small input); 1: all in this thread. Either way the input is ingested once and '
      + 'configurations with the same algorithm and params compress each page once between them')
    .option('--sequential', 'fold the configurations in this thread one after another, each reading the input '
      + 'itself (the path the worker threads are checked against)')
    .option('--json', 'print the rows as JSON')
    .option('--html <file>', 'also write one HTML page: one chart per measure, one line per configuration')
    .addHelpText('after', '\nA progress bar per configuration is drawn on stderr when it is a terminal '
      + '(never with --json).\n'
      + 'Exit status: 0 done; 2 bad input (a configuration that fails is named, the others are still printed);\n'
      + '70 a configuration failed for another reason (a bug in zram-ref, or its worker thread died).')
    .action(async (input: string, opts: CompareOpts) => setExit(await runCompare(input, opts)));
}

function configsOf(opts: CompareOpts): CompareConfig[] {
  const specs = [...opts.config];
  if (opts.allAlgorithms) {
    if (!isKernelConfig(opts.kernelConfig)) checkKernelConfig(opts.kernelConfig, {}); // throws the one-line error
    for (const a of builtInBackends(opts.kernelConfig as 'default')) specs.push(`alg=${a}`);
  }
  return (specs.length ? specs : ['alg=lzo-rle']).map(parseCompareConfig);
}

async function foldAll(input: string, opts: CompareOpts, configs: CompareConfig[]): Promise<FoldOutcome[]> {
  for (const c of configs) makeTarget(opts.target, opts.variant, checkKernelConfig(opts.kernelConfig, c.knobs));
  const threads = parseJobs(opts.jobs);
  const every = parseEvery(opts.every);
  const bars = compareProgress(configs.map((c) => c.label), opts.json === true);
  const common = { input, configs, kernelConfig: opts.kernelConfig, variant: opts.variant, content: opts.content, every,
    onProgress: (i: number, d: number, t: number) => bars.update(i, d, t) };
  try {
    if (opts.sequential || opts.target !== 'model') return await compareSequential({ ...common, target: opts.target });
    return await compareParallel({ ...common, threads });
  } finally {
    bars.stop();
  }
}

/** A configuration that failed: its label, its error, and whether that is bad input. */
export interface CompareFailure { readonly label: string; readonly message: string; readonly badInput: boolean }

/** The rows of `compare INPUT` (and the reports behind them), and the configurations that failed.
 * Throws BadInputError for bad input shared by all (the input, an option). */
export async function compareTable(input: string, opts: CompareOpts):
  Promise<{ rows: CompareRow[]; runs: { label: string; report: Report }[]; failures: CompareFailure[] }> {
  const configs = configsOf(opts);
  const outcomes = await foldAll(input, opts, configs);
  const rows: CompareRow[] = [];
  const runs: { label: string; report: Report }[] = [];
  const failures: CompareFailure[] = [];
  for (const [i, o] of outcomes.entries()) {
    const label = configs[i].label;
    if (o.ok) { rows.push(compareRow(label, o.report, o.cost)); runs.push({ label, report: o.report }); continue; }
    failures.push({ label, message: o.message, badInput: o.badInput });
  }
  return { rows, runs, failures };
}

async function runCompare(input: string, opts: CompareOpts): Promise<number> {
  try {
    if (opts.html) new OutputPlan([input]).claim(opts.html, '--html');
    const { rows, runs, failures } = await compareTable(input, opts);
    let code = 0;
    for (const f of failures) {
      process.stderr.write(`zram-ref compare: --config '${f.label}': ${f.message}\n`);
      code = Math.max(code, f.badInput ? EXIT_BAD_INPUT : EXIT_INTERNAL);
    }
    if (rows.length) process.stdout.write(opts.json ? JSON.stringify(rows, null, 2) + '\n' : formatCompare(rows));
    if (opts.html && code === 0) writeOutputFile(opts.html, compareHtml(input, runs, rows)); // never a partial page
    return code;
  } catch (e) {
    if (e instanceof BadInputError || e instanceof OutputFileError) {
      process.stderr.write(`zram-ref compare: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
