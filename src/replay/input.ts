// Opens a replay input as a log to fold. An event log is folded as it is; a record bundle or a
// blktrace trace is first ingested into a log (src/ingest: cached by input digest, see
// log-cache.ts) by the same code as `zram-ref ingest`, so every fold reads an EventStore.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LogHeader, Recorded, ZramEvent } from '../events/types';
import { LogCorruptError } from '../log/errors';
import type { EventStore } from '../log/event-store';
import { LogFileStore } from '../log/log-file-store';
import { findCpuFiles } from '../blktrace/cpu-files';
import { fileDigest, fileDigestOffThread } from '../ingest/input-digest';
import { BUNDLE_FORMAT } from '../record/manifest';
import { checkRegular } from '../input/read-bounded';
import { readManifestJson } from '../record/bundle-validate';
import { BadInputError } from './bad-input';
import type { InputLosses } from './losses';

export { fileDigest };

export interface ReplayInput {
  readonly name: string;        // base name of what the user gave, for headers and people
  readonly header: LogHeader;
  readonly digest: string;      // "sha256:<hex>" of the log folded (for a bundle or trace: of its ingested log)
  readonly events: AsyncIterable<Recorded<ZramEvent>>;
  /** Events consumed so far, and how many there are (for a progress bar). */
  progress(): { done: number; total: number };
  close(): void;
  /** Problems with the input that do not stop the replay (a damaged trace), for stderr. */
  readonly warnings?: readonly string[];
  /** The log folded (set by openInput; the raw ingest streams of trace-input.ts have none). */
  readonly store?: EventStore;
  readonly logPath?: string;
  /** Set for a log opened unscanned: `digest` is '' and this gives it once hashed (HeldOutputs). */
  readonly pendingDigest?: Promise<string>;
  /** What ingest and decoding dropped (traces and bundles), complete once the events are read. */
  losses?(): InputLosses | null;
}

/** What an input path is: a log file, a record bundle or a blktrace trace (with its files). */
export type LocatedInput =
  | { readonly kind: 'log'; readonly path: string }
  | { readonly kind: 'bundle' | 'trace'; readonly path: string; readonly files: readonly string[] };

/** blk_io_trace magic 0x656174vv (vv = version 7 or 8), either byte order. */
const isBlktraceMagic = (b: Buffer): boolean =>
  (b[1] === 0x74 && b[2] === 0x61 && b[3] === 0x65) || (b[0] === 0x65 && b[1] === 0x61 && b[2] === 0x74);

/** An event log, a record bundle (directory with manifest.json), or a blktrace trace (NAME,
 * NAME.blktrace.N, a directory holding one trace, or a single-stream file). */
export function locateInput(file: string): LocatedInput {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const cpu = findCpuFiles(file).files;
    if (cpu.length > 0) return { kind: 'trace', path: file, files: regularFiles(cpu.map((f) => f.path)) };
    throw new BadInputError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (st.isDirectory()) return locateDirectory(file);
  checkRegular(file); // a FIFO or a device would hang or never end
  if (looksLikeBlktrace(file)) {
    const cpu = /\.blktrace\.\d+$/.test(file) ? findCpuFiles(file).files.map((f) => f.path) : [file];
    return { kind: 'trace', path: file, files: regularFiles(cpu) };
  }
  return { kind: 'log', path: file };
}

function locateDirectory(dir: string): LocatedInput {
  if (isBundle(dir)) return { kind: 'bundle', path: dir, files: [] };
  const traces = fs.readdirSync(dir).filter((f) => /\.blktrace\.0$/.test(f));
  if (traces.length !== 1) throw new BadInputError(`${dir}: a directory that is neither a record bundle nor holds exactly one blktrace trace`);
  const name = path.join(dir, traces[0].replace(/\.blktrace\.0$/, ''));
  return { kind: 'trace', path: name, files: regularFiles(findCpuFiles(name).files.map((f) => f.path)) };
}

/** A directory with a manifest.json of this tool's format. A manifest.json that is empty, not
 * JSON, or not a regular file is an error: it must not make a bundle look like a bare trace
 * (trace directories have a manifest of their own, a JSON object of another format). */
function isBundle(dir: string): boolean {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) return false;
  const v = readManifestJson(dir) as { format?: unknown } | null;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new BadInputError(`${path.join(dir, 'manifest.json')}: not a JSON object: neither a record bundle's nor a trace's manifest`);
  }
  return v.format === BUNDLE_FORMAT;
}

function regularFiles(files: string[]): string[] {
  for (const f of files) checkRegular(f);
  return files;
}

/** The input as a log to fold: bundles and traces are ingested first (or found in the cache). */
/** `unscanned`: a log file given as the input is opened without a first pass over it (see
 * LogFileStore.openUnscanned): for a caller that reads it once from the start and turns a
 * LogCorruptError met on the way into bad input (corruptLog) before writing anything. */
export async function openInput(file: string, content = 'exact',
  opts: { allowDamage?: boolean; unscanned?: boolean; digest?: Promise<string> } = {}): Promise<ReplayInput> {
  const loc = locateInput(file);
  if (loc.kind === 'log') return await openLog(loc.path, path.basename(loc.path), opts.digest, opts.unscanned);
  const { ensureLog, inputName } = await import('./ingest-input'); // ingest's code only for a bundle or trace
  const log = await ensureLog(loc, content, opts.allowDamage === true);
  try {
    const input = await openLog(log.path, inputName(loc));
    return { ...input, warnings: log.warnings, losses: () => log.losses, close: () => { input.close(); log.release(); } };
  } catch (e) {
    log.release();
    throw e;
  }
}

/** A log file as a read-only EventStore; a damaged or foreign file is bad input. `digest`: the
 * file's, when the caller already has it (compare's workers: the file is not hashed again) or
 * has it hashed (a replay's compress-ahead worker); otherwise it is hashed on another core
 * while the log is scanned. */
export async function openLog(file: string, name: string, digest?: string | Promise<string>,
  unscanned = false): Promise<ReplayInput> {
  const hashing = digest === undefined ? fileDigestOffThread(file) : null;
  let store: LogFileStore;
  try {
    store = unscanned ? LogFileStore.openUnscanned(file) : LogFileStore.open(file);
  } catch (e) {
    hashing?.cancel();
    throw corruptLog(file, e);
  }
  let done = 0;
  async function* counted(from: AsyncIterable<Recorded<ZramEvent>>): AsyncGenerator<Recorded<ZramEvent>> {
    try {
      for await (const r of from) { done++; yield r; }
    } catch (e) {
      if (e instanceof LogCorruptError) throw new BadInputError(e.message);
      throw e;
    }
  }
  const base = { name, header: store.header, events: counted(store.read(0)),
    // closing a replay that failed before its hash arrived stops the hashing (no wait at exit)
    progress: () => ({ done, total: store.version }), close: () => hashing?.cancel(), store, logPath: file };
  // unscanned: the caller folds while the file is hashed (it holds its outputs until then)
  const pending = hashing?.result ?? (typeof digest === 'string' ? null : digest!);
  if (unscanned && pending) return { ...base, digest: '', pendingDigest: pending };
  return { ...base, digest: await (pending ?? digest!) };
}

/** A LogCorruptError of log `file` as bad input (other errors as they are). */
export function corruptLog(file: string, e: unknown): unknown {
  return e instanceof LogCorruptError ? new BadInputError(`${file}: not a zram-ref event log or of an unknown version (${e.message})`) : e;
}

function looksLikeBlktrace(file: string): boolean {
  if (/\.blktrace\.\d+$/.test(file)) return true;
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(4);
    const n = fs.readSync(fd, b, 0, 4, 0);
    return n === 4 && isBlktraceMagic(b);
  } finally {
    fs.closeSync(fd);
  }
}
