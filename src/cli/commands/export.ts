// `zram-ref export INPUT --format F -o FILE`: a replay's outputs (an outputs file, or a model
// replay of a log, trace or bundle) and its trace's bios in the formats other tools read.
// Exit 0 written, 2 bad input (nothing written).
import type { Command } from 'commander';
import { runExport } from '../../export/run-export';
import { OutputFileError, OutputPlan } from '../../io/output-file';
import { BadInputError } from '../../replay/bad-input';
import { progressBar } from '../../replay/progress';
import { EXPORT_FORMATS, isExportFormat } from '../../report/export';
import { parseEvery } from './replay';

interface ExportCliOpts { format: string; output: string; trace?: string; every: string; content: string }

const FORMAT_HELP = Object.entries(EXPORT_FORMATS).map(([k, v]) => `  ${k.padEnd(12)} ${v.help}`).join('\n');

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('export')
    .description('export a replay (outputs file, or a model replay of a log/trace/bundle) to Perfetto, ' +
      'Trace Event JSON, CSV or OpenMetrics')
    .argument('<input>', 'replay outputs file (replay -o), or an event log, blktrace trace or record bundle ' +
      'to replay on the model first')
    .requiredOption('--format <format>', `one of: ${Object.keys(EXPORT_FORMATS).join(', ')}`)
    .requiredOption('-o, --output <file>', 'file to write (all or nothing)')
    .option('--trace <name>', "blktrace trace giving the bios' times, pids and CPUs (default: the input's own trace)")
    .option('--every <n>', 'when replaying: a stat checkpoint every N events', '1000')
    .option('--content <mode>', 'when replaying a bare trace: exact | synthetic:SPEC | image:FILE', 'exact')
    .addHelpText('after', `\nFormats:\n${FORMAT_HELP}\n\n` +
      'Bio slices need a trace (a bundle or a bare trace as INPUT, or --trace); stats come from the outputs.\n' +
      'Times are the trace clock: ns from the first trace record.\n' +
      'Example: zram-ref export traces/bundles/seqwrite --format perfetto -o seqwrite.pftrace\n' +
      'Exit status: 0 written, 2 bad input (nothing written).')
    .action(async (input: string, opts: ExportCliOpts) => setExit(await runExportCommand(input, opts)));
}

async function runExportCommand(input: string, opts: ExportCliOpts): Promise<number> {
  const fail = (m: string): number => { process.stderr.write(`zram-ref export: ${m}\n`); return 2; };
  const formats = Object.keys(EXPORT_FORMATS).join(', ');
  if (!isExportFormat(opts.format)) return fail(`--format '${opts.format}': expected one of ${formats}`);
  const bar = progressBar('replay');
  try {
    new OutputPlan(opts.trace ? [input, opts.trace] : [input]).claim(opts.output, '-o');
    const r = await runExport({ input, format: opts.format, out: opts.output, trace: opts.trace,
      every: parseEvery(opts.every), content: opts.content }, (d, t) => bar.update(d, t));
    bar.stop();
    if (r.spans && (r.spans.unpairedQ > 0 || r.spans.unpairedC > 0)) {
      process.stderr.write(`zram-ref export: warning: ${r.trace}: ${r.spans.unpairedQ} queued bios never completed, ` +
        `${r.spans.unpairedC} completions without a queue (not drawn)\n`);
    }
    if (EXPORT_FORMATS[opts.format].usesTrace && r.trace === null) {
      process.stderr.write('zram-ref export: note: no trace, so no bio slices (give --trace NAME)\n');
    }
    return 0;
  } catch (e) {
    bar.stop();
    if (e instanceof BadInputError || e instanceof OutputFileError) return fail(e.message);
    throw e;
  }
}
