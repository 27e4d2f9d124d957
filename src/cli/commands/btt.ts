// `zram-ref btt -i TRACE`: btt's figures (Q2Q, Q2G, S2G, G2I, Q2M, I2D, M2D, D2C, Q2C with
// MIN/AVG/MAX/N per device, per process and overall; seeks; IOPS and bandwidth) from a trace,
// with the percentiles btt lacks. TRACE is a `blkparse -d` dump, NAME (NAME.blktrace.N), or -.
import type { Command } from 'commander';
import { Btt } from '../../blktrace/btt';
import { bttJson, formatBtt } from '../../blktrace/btt-format';
import { decodeNote } from '../../blktrace/pdu';
import { readMerged } from '../../blktrace/read';
import { BLK_TN_PROCESS } from '../../blktrace/record';

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('btt')
    .description("btt's figures (Q2Q, Q2G, G2I, I2D, D2C, Q2C, ... per device/process, seeks, IOPS) with percentiles")
    .requiredOption('-i, --input <trace>', 'a blkparse -d dump, NAME (NAME.blktrace.N files), or - for stdin')
    .option('--json', 'print the figures as JSON (nanoseconds; percentiles as in latency and reports)')
    .addHelpText('after', '\nExamples:\n  zram-ref btt -i trace.bin\n' +
      '  zram-ref btt -i traces/zram-seqwrite/zram-seqwrite --json\n' +
      '\nMIN/AVG/MAX/N equal Debian btt\'s where both compute the figure; P50..P99.9 are this tool\'s.\n' +
      'Exit status: 0 done, 2 the input cannot be read.')
    .action((opts: { input: string; json?: boolean }) => {
      try {
        const { merged, notes, stats } = readMerged(opts.input);
        const names = new Map<number, string>();
        for (const n of notes) {
          const d = decodeNote(n, true);
          if (n.action === BLK_TN_PROCESS && d.kind === 'process' && !names.has(n.pid)) names.set(n.pid, d.comm);
        }
        const b = new Btt(names);
        for (const m of merged) b.add(m.rec);
        const r = b.result();
        process.stdout.write(opts.json ? JSON.stringify(bttJson(r), null, 2) + '\n' : formatBtt(r));
        for (const p of stats.problems) {
          process.stderr.write(`zram-ref btt: ${p.source}: byte ${p.offset}: ${p.message}\n`);
        }
        setExit(0);
      } catch (e) {
        process.stderr.write(`zram-ref btt: ${(e as Error).message}\n`);
        setExit(2);
      }
    });
}
