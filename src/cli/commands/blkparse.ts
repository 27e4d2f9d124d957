// `zram-ref blkparse`: prints what Debian's blkparse 1.2.0 prints, with its options for reading
// traces (-i/positional names, -D, -o, -O, -d, -M, -f/-F, -t, -s, -h, -a/-A, -w, -b, -q, -v;
// -V is the tool's own version option);
// `-i -` or a FIFO reads a stream (pipe mode); `--json` prints one JSON object per event.
import type { Command } from 'commander';
import { actMaskBit, BlkparseArgError, formatSpec, setMask, stopwatch } from '../../blktrace/blkparse-args';
import { runBlkparse } from '../../blktrace/blkparse-run';
import { isClean } from '../../blktrace/decode-stats';
import { formatTable } from '../../blktrace/format';
import { BinaryFile, BufferedWriter } from '../../blktrace/writer-stream';
import { OutputFileError, OutputPlan } from '../../io/output-file';

interface Opts {
  input: string[]; json?: boolean; quiet?: boolean; verbose?: boolean; lenient?: boolean; dumpBinary?: string;
  textOutput?: boolean; output?: string; inputDirectory?: string; batch?: string; perProgramStats?: boolean;
  trackIos?: boolean; hashByName?: boolean; msgs?: boolean; stopwatch?: string; actMask: string[];
  setMask?: string;
}

const collect = (v: string, acc: string[]): string[] => [...acc, v];

export function register(program: Command, setExit: (code: number) => void): void {
  const formats: { all?: string; spec?: string }[] = [];
  program.command('blkparse')
    .description('decode blktrace traces (NAME.blktrace.N, or - for stdin) and print them exactly like blkparse 1.2.0')
    .argument('[names...]', 'trace names, as with -i')
    .helpOption('--help', 'display help for blkparse')
    .option('-i, --input <name>', 'trace name (NAME.blktrace.N files), or - (or a FIFO) for a stream', collect,
      [] as string[])
    .option('-D, --input-directory <dir>', 'directory prepended to input names')
    .option('-o, --output <file>', 'write the text to FILE instead of stdout')
    .option('-O, --no-text-output', 'no text output (with -d: only write the dump)')
    .option('-d, --dump-binary <file>', 'also write the merged records like blkparse -d (for btt, fio); - for stdout')
    .option('-M, --no-msgs', 'leave MESSAGE records out of the -d dump')
    .option('-f, --format <fmt>', 'format for every action (%a %c %C %d %D %e %M %m %n %N %p %P %s %S %t %T %u %U %z)',
      (v: string) => { formats.push({ all: v }); return v; })
    .option('-F, --format-spec <X,fmt>', 'format for action X (one of ABCDFGIMPQRSTUWX); repeatable',
      (v: string) => { formats.push({ spec: formatSpec(v) }); return v; })
    .option('-t, --track-ios', 'per-I/O times: G->I on I lines, I->D on D, D->C (Q->C on dm/md majors) on C, in ns')
    .option('-s, --per-program-stats', 'per-program statistics before the summary')
    .option('-h, --hash-by-name', 'with -s: one entry per command name instead of per pid')
    .option('-a, --act-mask <name>', 'show only events of category NAME (READ WRITE FLUSH SYNC QUEUE REQUEUE ISSUE ' +
      'COMPLETE FS PC NOTIFY AHEAD META DISCARD DRV_DATA FUA); repeatable', collect, [] as string[])
    .option('-A, --set-mask <hex>', 'show only events whose categories meet this hex mask')
    .option('-w, --stopwatch <[start:]end>', 'only events from START (default 0) to END seconds after the first')
    .option('-b, --batch <n>', 'records read per batch (default 512)')
    .option('-q, --quiet', 'no summary at the end')
    .option('-v, --verbose', 'report every decode anomaly (file, byte offset) and -t misses on stderr')
    .option('--json', 'one JSON object per event instead of blkparse text')
    .option('--lenient', 'skip ftrace LOST markers/text headers and unknown versions instead of stopping like blkparse')
    .addHelpText('after', '\nExamples:\n  zram-ref blkparse -i trace\n  zram-ref blkparse -i - < trace.bin\n' +
      '  zram-ref blkparse -i trace -d trace.bin -O     # merged dump for btt\n' +
      '  zram-ref blkparse -i trace -t -a complete      # Q->C / D->C per completion\n' +
      '\nExit status: 0 done, 1 no input files / a format needed -t, 2 bad options.')
    .action((names: string[], opts: Opts) => {
      try {
        setExit(run([...opts.input, ...names], opts, formats));
      } catch (e) {
        if (!(e instanceof BlkparseArgError) && !(e instanceof OutputFileError)) throw e;
        process.stderr.write(`zram-ref blkparse: ${e.message}\n`);
        setExit(2);
      }
    });
}

function run(inputs: string[], opts: Opts, formats: { all?: string; spec?: string }[]): number {
  if (inputs.length === 0) {
    throw new BlkparseArgError('no input: give -i NAME (NAME.blktrace.N files) or -i - for stdin');
  }
  let actMask = opts.actMask.reduce((m, a) => m | actMaskBit(a), 0);
  if (opts.setMask !== undefined) actMask = setMask(opts.setMask);
  const b = Math.trunc(Number(opts.batch));
  const batch = opts.batch === undefined ? undefined : b > 0 ? b : 512; // blkparse: <= 0 means the default
  const sw = opts.stopwatch === undefined ? undefined : stopwatch(opts.stopwatch);
  const plan = new OutputPlan(inputs.filter((i) => i !== '-'));
  if (opts.output && opts.output !== '-') plan.claim(opts.output, '-o');
  if (opts.dumpBinary && opts.dumpBinary !== '-') plan.claim(opts.dumpBinary, '-d');
  const text = opts.output ? new BinaryFile(opts.output) : null;
  const dump = opts.dumpBinary ? new BinaryFile(opts.dumpBinary) : null;
  const stdout = new BufferedWriter(1);
  const out = text ? (s: string): void => text.write(Buffer.from(s, 'latin1')) : (s: string): void => stdout.write(s);
  const err = (s: string): void => { stdout.flush(); process.stderr.write(s); };
  let ok = false;
  try {
    const r = runBlkparse({
      inputs, json: opts.json, quiet: opts.quiet, lenient: opts.lenient, inputDir: opts.inputDirectory,
      tty: process.stdout.isTTY === true, noText: opts.textOutput === false,
      info: text ? (s) => stdout.write(s) : undefined, dump: dump ? (x) => dump.write(x) : undefined, batch,
      actMask: actMask || undefined, stopwatch: sw, noMsgs: opts.msgs === false, formats: formatTable(formats),
      trackIos: opts.trackIos, perProcess: opts.perProgramStats, hashByName: opts.hashByName, verbose: opts.verbose,
    }, out, err);
    stdout.flush();
    if (opts.verbose || !isClean(r.stats)) {
      for (const p of r.stats.problems) {
        process.stderr.write(`zram-ref blkparse: ${p.source}: byte ${p.offset}: ${p.message}\n`);
      }
    }
    ok = r.exitCode === 0;
    return r.exitCode;
  } finally {
    stdout.flush();
    for (const f of [text, dump]) if (f) { if (ok) f.close(); else f.abort(); }
  }
}
