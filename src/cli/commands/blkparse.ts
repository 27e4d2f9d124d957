// `zram-ref blkparse -i NAME`: prints what Debian's `blkparse -i NAME` prints (event lines and
// summary), `-i -` reads standard input (pipe mode), `--json` prints one JSON object per event.
import type { Command } from 'commander';
import { BlkparseEmulator } from '../../blktrace/blkparse';
import { isClean } from '../../blktrace/decode-stats';
import { recordJson } from '../../blktrace/json';
import { mergePipeMode } from '../../blktrace/merge-pipe';
import {
  collectStats, drain, FdRecordSource, findCpuFiles, openCpuSources, stdinSource,
} from '../../blktrace/read';
import { BufferedWriter } from '../../blktrace/writer-stream';

interface Opts { input: string[]; json?: boolean; quiet?: boolean; verbose?: boolean }

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('blkparse')
    .description('decode blktrace files (NAME.blktrace.N, or - for stdin) and print them like blkparse')
    .requiredOption('-i, --input <name>', 'trace name (NAME.blktrace.N files) or - for stdin',
      (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--json', 'one JSON object per event instead of blkparse text')
    .option('-q, --quiet', 'no summary at the end (like blkparse -q)')
    .option('-v, --verbose', 'report decode anomalies (offsets) on stderr')
    .action((opts: Opts) => setExit(runBlkparse(opts)));
}

function runBlkparse(opts: Opts): number {
  const out = new BufferedWriter(1);
  const emu = new BlkparseEmulator({ out: (s) => out.write(s), err: (s) => process.stderr.write(s) });
  const added: string[] = [];
  const sources: FdRecordSource[] = [];
  const pipe = opts.input.includes('-');
  if (pipe) {
    const src = stdinSource();
    sources.push(src);
    const m = mergePipeMode(drain(src), (r) => emu.onNote(r));
    if (opts.json) for (const x of m.records) out.write(recordJson(x) + '\n');
    else emu.runPipeMode(m.records, m.deviceOrder);
  } else {
    const names: string[] = [];
    for (const input of opts.input) {
      const t = findCpuFiles(input);
      if (t.files.length === 0) { process.stderr.write(`No input files found for ${t.name}\n`); return 1; }
      const s = openCpuSources(t, names.length);
      for (const f of t.files) if (f.size > 0) added.push(`Input file ${f.path} added\n`);
      names.push(t.name);
      sources.push(...s);
    }
    // blkparse's "Input file" lines go through stdio's stdout buffer: first on a terminal,
    // after everything else when stdout is a file or a pipe
    if (process.stdout.isTTY) out.write(added.splice(0).join(''));
    runFiles(emu, names, sources, opts, out);
  }
  if (!opts.json && !opts.quiet) out.write(emu.summary());
  out.write(added.join('') + (opts.json ? '' : emu.trailer()));
  out.flush();
  return report(collectStats(sources), opts.verbose === true);
}

function runFiles(emu: BlkparseEmulator, names: string[], sources: FdRecordSource[], opts: Opts, out: BufferedWriter): void {
  if (!opts.json) { emu.runFileMode(names, sources); return; }
  const { mergeFileMode } = require('../../blktrace/merge') as typeof import('../../blktrace/merge');
  for (const m of mergeFileMode(sources, { onNote: (r) => emu.onNote(r) })) out.write(recordJson(m) + '\n');
}

function report(stats: ReturnType<typeof collectStats>, verbose: boolean): number {
  if (verbose || !isClean(stats)) {
    for (const p of stats.problems) process.stderr.write(`zram-ref blkparse: ${p.source}: byte ${p.offset}: ${p.message}\n`);
  }
  return 0;
}
