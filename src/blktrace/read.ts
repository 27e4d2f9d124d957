// File-system side of reading traces (STYLE §5.6: decode and merge are pure, this is the I/O):
// blkparse's file-mode naming (NAME.blktrace.N from 0 up to the first missing number, empty files
// allowed), single files, and standard input, all read in fixed-size chunks through the
// streaming decoder so memory does not grow with the trace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BlkDecoder, DecoderOptions } from './decode';
import { DecodeStats, emptyStats, mergeStats } from './decode-stats';
import { MergedRecord, mergeFileMode, RecordSource } from './merge';
import { mergePipeMode } from './merge-pipe';
import { BlkRecord } from './record';

export const CHUNK_SIZE = 64 * 1024;

export interface CpuFile { readonly cpu: number; readonly path: string; readonly size: number }

export interface TraceFiles {
  readonly name: string;     // basename without .blktrace.N (blkparse prints it in the summary)
  readonly dir: string | null;
  readonly files: CpuFile[]; // every N from 0 to the first missing one, empty files included
}

/** blkparse -i NAME: strips a `.blktrace.N` suffix, splits off the directory, lists the files. */
export function findCpuFiles(input: string, inputDir: string | null = null): TraceFiles {
  const cut = input.indexOf('.blktrace.');
  const stem = cut >= 0 ? input.slice(0, cut) : input;
  // like blkparse: a name with a directory sets the input directory (for later names too), -D otherwise
  const dir = path.dirname(stem) === '.' ? inputDir : path.dirname(stem);
  const name = path.dirname(stem) === '.' ? stem : path.basename(stem);
  const files: CpuFile[] = [];
  for (let cpu = 0; ; cpu++) {
    const p = (dir === null ? '' : `${dir}/`) + `${name}.blktrace.${cpu}`;
    let st: fs.Stats;
    try { st = fs.statSync(p); } catch { break; }
    files.push({ cpu, path: p, size: st.size });
  }
  return { name, dir, files };
}

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
  return t.files.filter((f) => f.size > 0).map((f) => new FdRecordSource(fs.openSync(f.path, 'r'), f.cpu, f.path,
    { stopOnBadVersion: exact, v7Only: exact, ftraceText: exact ? 'stop' : 'skip', group }));
}

export function openFileSource(file: string, cpu = 0): FdRecordSource {
  return new FdRecordSource(fs.openSync(file, 'r'), cpu, file);
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

/** The whole content of a descriptor (stdin in blkparse pipe mode, which keeps everything anyway). */
export function readAllSync(fd: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const chunk = new Uint8Array(1 << 20);
  for (let n = readSomeSync(fd, chunk); n > 0; n = readSomeSync(fd, chunk)) parts.push(chunk.slice(0, n));
  return new Uint8Array(Buffer.concat(parts));
}
