// `zram-ref latency -i NAME [--json]`: Q2C (and D2C where the device issues requests) per
// operation type, from a blktrace trace (per-CPU files, a single file, or - for stdin).
import type { Command } from 'commander';
import { computeLatency, formatLatency } from '../../blktrace/latency';
import { streamMerged } from '../../blktrace/read';

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('latency')
    .description('Q2C / D2C latency per operation (count, min, mean, p50/p90/p99/p99.9, max) from a blktrace trace')
    .requiredOption('-i, --input <name>', 'trace name (NAME.blktrace.N), a single file, or - for stdin')
    .option('--json', 'print the report as JSON (nanoseconds)')
    .addHelpText('after', '\nExit status: 0 report printed (decode problems go to stderr), 2 the input cannot be read.')
    .action((opts: { input: string; json?: boolean }) => {
      try {
        const m = streamMerged(opts.input);
        const rep = computeLatency(m.records);
        const stats = m.stats();
        if (stats.records === 0 && stats.problems.length > 0) {
          throw new Error(`${stats.problems[0].source}: byte ${stats.problems[0].offset}: ${stats.problems[0].message}`);
        }
        process.stdout.write(opts.json ? JSON.stringify({ ...rep, decode: stats }, null, 2) + '\n' : formatLatency(rep));
        for (const p of stats.problems) process.stderr.write(`zram-ref latency: ${p.source}: byte ${p.offset}: ${p.message}\n`);
        setExit(0);
      } catch (e) {
        process.stderr.write(`zram-ref latency: ${(e as Error).message}\n`);
        setExit(2); // bad input, like the other commands
      }
    });
}
