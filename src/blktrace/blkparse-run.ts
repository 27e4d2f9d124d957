// One blkparse run over named inputs or stdin, writing to callbacks (the CLI passes stdout and
// stderr; golden tests collect strings). File side: opens the files through read.ts.
import { BlkparseEmulator } from './blkparse';
import { DecodeStats } from './decode-stats';
import { recordJson } from './json';
import { BlkRecord } from './record';
import { encodedSize, encodeRecordInto } from './write';
import { mergeFileMode } from './merge';
import { mergePipeMode, PipeMerge, sortPipeBatches } from './merge-pipe';
import { readPipeBatches } from './blkparse-pipe';
import { collectStats, drain, FdRecordSource, findCpuFiles, openCpuSources } from './read';
import { PIPE_INPUT_MAX_BYTES } from '../input/limits';
import { readPipeBounded } from '../input/pipe-read';

export interface BlkparseRunOptions {
  readonly inputs: readonly string[]; // names, or '-' for the stream in `stdinFd`
  readonly json?: boolean;
  readonly quiet?: boolean;
  /** Skip ftrace text and bad versions instead of stopping the file like blkparse does. */
  readonly lenient?: boolean;
  /** stdout is a terminal: blkparse's "Input file" lines then come first, not last. */
  readonly tty?: boolean;
  readonly stdinFd?: number;
  /** blkparse -d: receives the dump as v7 records in host (little-endian) order. */
  readonly dump?: (bytes: Uint8Array) => void;
  /** blkparse -O: no text output at all (no event lines, no summary). */
  readonly noText?: boolean;
  /** Most bytes read from standard input in pipe mode (default PIPE_INPUT_MAX_BYTES). */
  readonly pipeLimit?: number;
}

function dumper(sink: (b: Uint8Array) => void): (rec: BlkRecord, time: bigint) => void {
  return (rec, time) => {
    const b = new Uint8Array(encodedSize(rec));
    encodeRecordInto({ ...rec, time }, b, 0);
    sink(b);
  };
}

export interface BlkparseRunResult { readonly stats: DecodeStats; readonly exitCode: number }

export function runBlkparse(o: BlkparseRunOptions, out: (s: string) => void, err: (s: string) => void): BlkparseRunResult {
  const emu = new BlkparseEmulator({ out, err, noText: o.noText, binary: o.dump ? dumper(o.dump) : undefined });
  const sources: FdRecordSource[] = [];
  const added: string[] = [];
  let exitCode = 0;
  if (o.inputs.includes('-')) {
    let m: PipeMerge;
    if (o.lenient) {
      const src = new FdRecordSource(o.stdinFd ?? 0, 0, '-', { closeAtEnd: false });
      sources.push(src);
      m = mergePipeMode(drain(src), (r) => emu.onNote(r));
    } else {
      // exact: blkparse's own batch reader over the whole input (pipe mode keeps it all anyway)
      // bounded: stops where blkparse's reader stops (no magic, bad magic twice) or at the limit
      const pipe = readPipeBounded(o.stdinFd ?? 0, o.pipeLimit ?? PIPE_INPUT_MAX_BYTES);
      const all = pipe.bytes;
      if (pipe.stopped.startsWith('no blktrace magic')) { err(`-: ${pipe.stopped}\n`); exitCode = 2; }
      const read = readPipeBatches(all, (r, le) => { emu.setByteOrder(le); emu.onNote(r); });
      for (const c of read.complaints) err(c + '\n');
      m = sortPipeBatches(read.batches);
    }
    if (o.json) for (const x of m.records) out(recordJson(x) + '\n');
    else emu.runPipeMode(m.records, m.deviceOrder);
  } else {
    const names: string[] = [];
    for (const input of o.inputs) {
      const t = findCpuFiles(input);
      if (t.files.length === 0) {
        err(`No input files found for ${t.name}\n`);
        return { stats: collectStats(sources), exitCode: 1 };
      }
      sources.push(...openCpuSources(t, names.length, !o.lenient));
      for (const f of t.files) if (f.size > 0) added.push(`Input file ${f.path} added\n`);
      names.push(t.name);
    }
    if (o.tty) out(added.splice(0).join(''));
    if (o.json) for (const m of mergeFileMode(sources, { onNote: (r) => emu.onNote(r) })) out(recordJson(m) + '\n');
    else emu.runFileMode(names, sources);
  }
  if (!o.json && !o.quiet && !o.noText) out(emu.summary());
  // with -d the driver-data remark is not printed: those records went to the dump
  out(added.join('') + (o.json || o.dump ? '' : emu.trailer()));
  return { stats: collectStats(sources), exitCode };
}
