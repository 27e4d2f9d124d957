// File-system side of reading traces (STYLE §5.6: decode and merge are pure, this is the I/O):
// blkparse's file-mode per-CPU files (cpu-files.ts), single files, and standard input, all read in
// fixed-size chunks through the streaming decoder so memory does not grow with the trace.
import * as fs from 'node:fs';
import { findCpuFiles, type TraceFiles } from './cpu-files';
import { BlkDecoder, DecoderOptions } from './decode';
import { DecodeStats, emptyStats, mergeStats } from './decode-stats';
import { MergedRecord, mergeFileMode, RecordSource } from './merge';
import { mergePipeMode } from './merge-pipe';
import { BlkRecord } from './record';
import { kindOf, openRegular } from '../input/read-bounded';
import { BadInputError } from '../replay/bad-input';

export { findCpuFiles, type CpuFile, type TraceFiles } from './cpu-files';

export const CHUNK_SIZE = 64 * 1024;

/** A pull source over a file descriptor: reads a chunk whenever the decoded queue runs dry. */
export class FdRecordSource implements RecordSource {
  readonly decoder: BlkDecoder;
  private queue: BlkRecord[] = [];
  private head = 0;
  private eof = false;
  private readonly chunk = new Uint8Array(CHUNK_SIZE);

  constructor(private readonly fd: number, readonly cpu: number, readonly name: string,
    opts: DecoderOptions & { group?: number; closeAtEnd?: boolean } = {}) {
    this.decoder = new BlkDecoder(name, opts);
    this.group = opts.group;
    this.closeAtEnd = opts.closeAtEnd ?? true;
  }

  readonly group: number | undefined;
  private readonly closeAtEnd: boolean;

  next(): BlkRecord | null {
    while (this.head >= this.queue.length) {
      if (this.eof) return null;
      this.queue = [];
      this.head = 0;
      const n = readSomeSync(this.fd, this.chunk);
      if (n === 0) {
        this.eof = true;
        this.decoder.end(this.queue);
        if (this.closeAtEnd) fs.closeSync(this.fd);
      } else {
        this.decoder.push(this.chunk.slice(0, n), this.queue);
        if (this.decoder.stopped) this.finish();
      }
    }
    return this.queue[this.head++];
  }

  private finish(): void {
    this.eof = true;
    if (this.closeAtEnd) fs.closeSync(this.fd);
  }
}

/** readSync that waits out EAGAIN (stdin may be a non-blocking pipe). */
export function readSomeSync(fd: number, buf: Uint8Array): number {
  for (;;) {
    try {
      return fs.readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); continue; }
      if (code === 'EOF') return 0;
      throw e;
    }
  }
}

/** Sources for blkparse file mode: one per non-empty CPU file (empty files are skipped).
 * `exact`: like blkparse 1.2.0, stop a file at ftrace text and at any version but 7;
 * otherwise skip and count ftrace text, and decode v8 too. */
export function openCpuSources(t: TraceFiles, group = 0, exact = false): FdRecordSource[] {
  return t.files.filter((f) => f.size > 0).map((f) => new FdRecordSource(openRegular(f.path), f.cpu, f.path,
    { stopOnBadVersion: exact, v7Only: exact, ftraceText: exact ? 'stop' : 'skip', group }));
}

export function openFileSource(file: string, cpu = 0): FdRecordSource {
  return new FdRecordSource(openRegular(file), cpu, file);
}

export function stdinSource(exact = false): FdRecordSource {
  return new FdRecordSource(0, 0, '-', { closeAtEnd: false, ftraceText: exact ? 'stop' : 'skip' });
}

export function* drain(src: RecordSource): Generator<BlkRecord> {
  for (let r = src.next(); r !== null; r = src.next()) yield r;
}

export function collectStats(sources: readonly FdRecordSource[]): DecodeStats {
  return sources.reduce((s, x) => mergeStats(s, x.decoder.stats), emptyStats());
}

/** Reads a whole trace given as NAME (per-CPU files), a single file, or '-' (stdin). */
export function readAllRecords(input: string): { records: BlkRecord[]; stats: DecodeStats } {
  const sources = input === '-' ? [stdinSource()]
    : fs.existsSync(input) && fs.statSync(input).isFile() && !/\.blktrace\.\d+$/.test(input)
      ? [openFileSource(input)] : openCpuSources(findCpuFiles(input));
  const records: BlkRecord[] = [];
  for (const s of sources) for (const r of drain(s)) records.push(r);
  return { records, stats: collectStats(sources) };
}

/** A whole trace in merged time order, for analysis (latency, ingest): per-CPU files merged
 * without blkparse's cpu-mismatch rejection, a single file or stdin as one stream. */
export function readMerged(input: string): { merged: MergedRecord[]; notes: BlkRecord[]; stats: DecodeStats } {
  const single = input === '-' || (fs.existsSync(input) && fs.statSync(input).isFile() && !/\.blktrace\.\d+$/.test(input));
  const sources = input === '-' ? [stdinSource()] : single ? [openFileSource(input)] : openCpuSources(findCpuFiles(input));
  if (!single && sources.length === 0 && findCpuFiles(input).files.length === 0) {
    throw new Error(`no input files found for ${input} (expected ${input}.blktrace.0 ...)`);
  }
  const notes: BlkRecord[] = [];
  const onNote = (r: BlkRecord): void => { notes.push(r); };
  // a single stream may interleave CPUs: sort it like blkparse pipe mode does
  const merged = single ? mergePipeMode(drain(sources[0]), onNote).records
    : [...mergeFileMode(sources, { strictCpu: false, onNote })];
  return { merged, notes, stats: collectStats(sources) };
}

/** Like readMerged, but per-CPU files are merged as they are read (memory stays flat); a single
 * file or stdin is still sorted whole, as blkparse's pipe mode does. Read `stats` at the end. */
export function streamMerged(input: string): { records: Iterable<MergedRecord>; stats: () => DecodeStats } {
  const st = input === '-' ? null : fs.statSync(input, { throwIfNoEntry: false });
  if (st && !st.isFile()) throw new BadInputError(`${input}: ${kindOf(st)}, expected a trace file, a trace NAME or - for stdin`);
  const single = input === '-' || (fs.existsSync(input) && fs.statSync(input).isFile() && !/\.blktrace\.\d+$/.test(input));
  if (single) {
    const m = readMerged(input);
    return { records: m.merged, stats: () => m.stats };
  }
  const t = findCpuFiles(input);
  if (t.files.length === 0) throw new Error(`no input files found for ${input} (expected ${input}.blktrace.0 ...)`);
  const sources = openCpuSources(t);
  return { records: mergeFileMode(sources, { strictCpu: false }), stats: () => collectStats(sources) };
}
