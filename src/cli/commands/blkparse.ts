// `zram-ref blkparse -i NAME`: prints what Debian's `blkparse -i NAME` prints (event lines and
// summary), `-i -` reads standard input (pipe mode), `--json` prints one JSON object per event.
import type { Command } from 'commander';
import { runBlkparse } from '../../blktrace/blkparse-run';
import { isClean } from '../../blktrace/decode-stats';
import { BinaryFile, BufferedWriter } from '../../blktrace/writer-stream';
import { OutputFileError, OutputPlan } from '../../io/output-file';

interface Opts {
  input: string[]; json?: boolean; quiet?: boolean; verbose?: boolean; lenient?: boolean;
  dumpBinary?: string; textOutput?: boolean;
}

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('blkparse')
    .description('decode blktrace files (NAME.blktrace.N, or - for stdin) and print them like blkparse')
    .requiredOption('-i, --input <name>', 'trace name (NAME.blktrace.N files) or - for stdin',
      (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--json', 'one JSON object per event instead of blkparse text')
    .option('-q, --quiet', 'no summary at the end (like blkparse -q)')
    .option('--lenient', 'skip ftrace LOST markers/text headers and unknown versions instead of stopping like blkparse')
    .option('-d, --dump-binary <file>', 'also write the merged records like blkparse -d (for btt, fio)')
    .option('-O, --no-text-output', 'no text output (with -d: only write the dump)')
    .option('-v, --verbose', 'report every decode anomaly (file, byte offset) on stderr')
    .action((opts: Opts) => {
      const out = new BufferedWriter(1);
      const err = (s: string): void => { out.flush(); process.stderr.write(s); };
      let bin: BinaryFile | null = null;
      let r;
      try {
        if (opts.dumpBinary) {
          new OutputPlan(opts.input.filter((i) => i !== '-')).claim(opts.dumpBinary, '-d');
          bin = new BinaryFile(opts.dumpBinary);
        }
        r = runBlkparse({ inputs: opts.input, json: opts.json, quiet: opts.quiet, lenient: opts.lenient,
          tty: process.stdout.isTTY === true, noText: opts.textOutput === false,
          dump: bin ? (b) => bin!.write(b) : undefined }, (s) => out.write(s), err);
        out.flush();
        bin?.close();
      } catch (e) {
        bin?.abort();
        if (!(e instanceof OutputFileError)) throw e;
        out.flush();
        process.stderr.write(`zram-ref blkparse: ${e.message}\n`);
        setExit(2);
        return;
      }
      if (opts.verbose || !isClean(r.stats)) {
        for (const p of r.stats.problems) process.stderr.write(`zram-ref blkparse: ${p.source}: byte ${p.offset}: ${p.message}\n`);
      }
      setExit(r.exitCode);
    });
}
