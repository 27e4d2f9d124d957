// One blkparse run over named inputs or stdin, writing to callbacks (the CLI passes stdout or the
// -o file, and stderr; golden tests collect strings). File side: opens the files through read.ts.
import * as fs from 'node:fs';
import { BlkparseEmulator, BlkparseOptions } from './blkparse';
import { readPipeBatches } from './blkparse-pipe';
import { showPipe } from './blkparse-show';
import { BlkparseExit } from './blkparse-text';
import { DecodeStats } from './decode-stats';
import { recordJson } from './json';
import { mergeFileMode } from './merge';
import { mergePipeMode } from './merge-pipe';
import { BlkRecord } from './record';
import { collectStats, drain, FdRecordSource, findCpuFiles, openCpuSources, readAllSync } from './read';
import { encodedSize, encodeRecordInto } from './write';

export interface BlkparseRunOptions extends BlkparseOptions {
  readonly inputs: readonly string[]; // names, or '-' (or a FIFO) for the stream in `stdinFd`
  readonly json?: boolean;
  /** Skip ftrace text and bad versions instead of stopping the file like blkparse does. */
  readonly lenient?: boolean;
  /** The text goes to the terminal: blkparse's "Input file" lines then come first, not last. */
  readonly tty?: boolean;
  /** -o FILE: the text goes to a file and the "Input file" lines stay on stdout (`info`). */
  readonly info?: (s: string) => void;
  readonly stdinFd?: number;
  /** -D: directory prepended to input names. */
  readonly inputDir?: string;
  /** blkparse -d: receives the dump as v7 records in host (little-endian) order. */
  readonly dump?: (bytes: Uint8Array) => void;
  /** blkparse -O: no text output at all (no event lines, no summary). */
  readonly noText?: boolean;
}

function dumper(sink: (b: Uint8Array) => void): (rec: BlkRecord, time: bigint) => void {
  return (rec, time) => {
    const b = new Uint8Array(encodedSize(rec));
    encodeRecordInto({ ...rec, time }, b, 0);
    sink(b);
  };
}

export interface BlkparseRunResult { readonly stats: DecodeStats; readonly exitCode: number }

/** A pipe input as blkparse decides it: "-" or an existing FIFO. */
export function isPipeInput(name: string): boolean {
  if (name === '-') return true;
  try { return fs.statSync(name).isFIFO(); } catch { return false; }
}

export function runBlkparse(o: BlkparseRunOptions, out: (s: string) => void, err: (s: string) => void): BlkparseRunResult {
  const emu = new BlkparseEmulator({ out, err, noText: o.noText, binary: o.dump ? dumper(o.dump) : undefined }, o);
  const sources: FdRecordSource[] = [];
  const added: string[] = [];
  const pipe = o.inputs.find(isPipeInput);
  try {
    if (pipe !== undefined) runPipe(o, emu, pipe, sources, out, err);
    else {
      const names: string[] = [];
      let dir = o.inputDir ?? null;
      for (const input of o.inputs) {
        const t = findCpuFiles(input, dir);
        dir = t.dir;
        if (t.files.length === 0) {
          err(`No input files found for ${t.name}\n`);
          return { stats: collectStats(sources), exitCode: 1 };
        }
        sources.push(...openCpuSources(t, names.length, !o.lenient));
        for (const f of t.files) if (f.size > 0) added.push(`Input file ${f.path} added\n`);
        names.push(t.name);
      }
      const info = o.info ?? out;
      if (o.tty || o.info) info(added.splice(0).join(''));
      if (o.json) for (const m of mergeFileMode(sources, { onNote: (r) => emu.onNote(r) })) out(recordJson(m) + '\n');
      else emu.runFileMode(names, sources);
    }
  } catch (e) {
    if (!(e instanceof BlkparseExit)) throw e;
    err(e.message + '\n');
    (o.info ?? out)(added.join('')); // blkparse exits; its stdout buffer (the "Input file" lines) is flushed
    return { stats: collectStats(sources), exitCode: e.code };
  }
  if (!o.json && !o.noText) out(emu.summary());
  // with -d the driver-data remark is not printed: those records went to the dump
  out(added.join('') + (o.json || o.dump ? '' : emu.trailer()));
  return { stats: collectStats(sources), exitCode: 0 };
}

function runPipe(o: BlkparseRunOptions, emu: BlkparseEmulator, name: string, sources: FdRecordSource[],
  out: (s: string) => void, err: (s: string) => void): void {
  const fd = name === '-' ? o.stdinFd ?? 0 : fs.openSync(name, 'r');
  try {
    if (o.lenient || o.json) {
      const src = new FdRecordSource(fd, 0, name, { closeAtEnd: false });
      sources.push(src);
      const m = mergePipeMode(drain(src), (r) => emu.onNote(r), o.batch);
      if (o.json) for (const x of m.records) out(recordJson(x) + '\n');
      else emu.runPipeMode(m.records, m.deviceOrder);
      return;
    }
    // exact: blkparse's own batch reader over the whole input (pipe mode keeps it all anyway)
    const read = readPipeBatches(readAllSync(fd), (_r, le) => emu.setByteOrder(le), o.batch);
    for (const c of read.complaints) err(c + '\n');
    showPipe(emu, read.withNotes);
  } finally {
    if (name !== '-') fs.closeSync(fd);
  }
}
