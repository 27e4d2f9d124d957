// `zram-ref replay INPUT`: fold an input through the model or a real device, write the outputs
// (-o) and print the report. This file holds the options and help; the run is ../replay-run.ts.
import type { Command } from 'commander';
import { BadInputError } from '../../replay/bad-input';

export interface ReplayCliOpts {
  output?: string; algorithm?: string; kernelConfig: string; param: string[]; disksize?: string; memLimit?: string; variant: string;
  content: string; target: string; every: string; pace?: boolean; json?: boolean; html?: string;
  from: string; snapshotEvery: string; allowDamage?: boolean; roundTrip?: boolean; jobs?: string;
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
    .option('--jobs <n>', 'threads (model): the fold and N-1 workers compressing the log\'s pages ahead of it '
      + '(default: one per core, at most 9; the fold alone for a log under 16 MiB); 1: the fold alone. The outputs '
      + 'are the same either way')
    .option('--round-trip', 'model: keep the compressed bytes and decompress them on every read, as the kernel does '
      + '(slower, more memory; the same outputs). Default: stored pages are read back from the log')
    .action(async (input: string, opts: ReplayCliOpts) => {
      const { runReplay } = await import('../replay-run'); // loaded to run: --help needs only the options
      setExit(await runReplay(input, opts));
    });
}

/** --jobs: how many threads a command may use, 1 to 256 (undefined: its default). */
export function parseJobs(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new BadInputError(`--jobs '${s}': expected a whole number from 1 to 256`);
  }
  return n;
}

export function parseEvery(s: string, option = '--every'): number {
  const n = Number(s);
  if (s.trim() === '' || !Number.isSafeInteger(n) || n < 0) {
    throw new BadInputError(`${option} '${s}': expected a whole number >= 0`);
  }
  return n;
}
