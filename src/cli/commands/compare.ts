// `zram-ref compare INPUT --config 'alg=lz4,level=1' --config 'alg=lzo' ...`: the same input
// replayed under each configuration, as one table. --all-algorithms: one row per backend of the
// kernel profile (with --kernel-config all-backends, every backend the model has). Exit 0 done, 2 bad input.
import type { Command } from 'commander';
import { builtInBackends, isKernelConfig } from '../../compress/profile';
import { kernelDeps } from '../../device/deps';
import { compareRow, formatCompare, type CompareRow } from '../../report/compare-table';
import { compareHtml } from '../../report/compare-html';
import type { Report } from '../../report';
import { OutputFileError, OutputPlan, writeOutputFile } from '../../io/output-file';
import { BadInputError } from '../../replay/bad-input';
import { parseCompareConfig, type CompareConfig } from '../../replay/compare-config';
import { costMeter } from '../../replay/compress-cost';
import { ModelImplementation } from '../../replay/model-implementation';
import { checkKernelConfig, replaySession } from '../../replay/session';
import { makeTarget } from '../../replay/targets';
import { parseEvery } from './replay';

interface CompareOpts {
  config: string[]; allAlgorithms?: boolean; kernelConfig: string; target: string; variant: string; content: string;
  every: string; json?: boolean; html?: string;
}

const collect = (v: string, acc: string[]): string[] => [...acc, v];

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('compare')
    .description('replay one input under several configurations and print one table')
    .argument('<input>', 'event log, record bundle or blktrace trace (ingested once into a cached log)')
    .option('--config <spec>', "knobs of one configuration: 'alg=lz4,level=1', 'alg=lzo,mem_limit=2M' (repeatable)", collect, [] as string[])
    .option('--all-algorithms', 'one configuration per backend of the kernel profile '
      + '(with --kernel-config all-backends: lzo-rle, lzo, lz4, lz4hc, zstd, deflate, 842)')
    .option('--kernel-config <name>', 'kernel build profile of the model: default | all-backends', 'default')
    .option('--target <target>', 'model | new (a private real zram device)', 'model')
    .option('--variant <name>', 'metadata-lifetime design of the model', 'claim')
    .option('--content <mode>', 'exact | synthetic:SPEC | image:FILE', 'exact')
    .option('--every <n>', 'checkpoint interval in events', '1000')
    .option('--json', 'print the rows as JSON')
    .option('--html <file>', 'also write one HTML page: one chart per measure, one line per configuration')
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

async function runCompare(input: string, opts: CompareOpts): Promise<number> {
  try {
    if (opts.html) new OutputPlan([input]).claim(opts.html, '--html');
    const configs = configsOf(opts);
    const rows: CompareRow[] = [];
    const runs: { label: string; report: Report }[] = [];
    for (const c of configs) {
      const cfg = checkKernelConfig(opts.kernelConfig, c.knobs);
      const meter = opts.target === 'model' ? costMeter({ ...kernelDeps, kernelConfig: cfg }) : null;
      const target = makeTarget(opts.target, opts.variant, cfg); // also checks --target and --variant
      const { report } = await replaySession({ input, knobs: c.knobs, kernelConfig: cfg, variant: opts.variant,
        content: opts.content, every: parseEvery(opts.every),
        target: meter ? async () => new ModelImplementation(opts.variant, meter.deps) : target });
      const cost = meter ? { pages: meter.pages(), nsPerPage: meter.nsPerPage() } : undefined;
      rows.push(compareRow(c.label, report, cost));
      runs.push({ label: c.label, report });
    }
    process.stdout.write(opts.json ? JSON.stringify(rows, null, 2) + '\n' : formatCompare(rows));
    if (opts.html) writeOutputFile(opts.html, compareHtml(input, runs, rows));
    return 0;
  } catch (e) {
    if (e instanceof BadInputError || e instanceof OutputFileError) {
      process.stderr.write(`zram-ref compare: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
