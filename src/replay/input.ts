// Opens a replay input: the header, an event stream, a digest of the input and a progress
// measure. Event logs are read here; traces and bundles in trace-input.ts.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LogHeader, Recorded, ZramEvent } from '../events/types';
import type { InputLosses } from './losses';
import { LogCorruptError, LogReader } from '../log';
import { findCpuFiles } from '../blktrace/read';
import { BUNDLE_FORMAT } from '../record/manifest';
import { checkRegular } from '../input/read-bounded';
import { readManifestJson } from '../record/bundle-validate';
import { BadInputError } from './bad-input';
import { openBundle, openTrace } from './trace-input';

export interface ReplayInput {
  readonly name: string;        // base name, for headers and people
  readonly header: LogHeader;
  readonly digest: string;      // "sha256:<hex>" of the input file's bytes
  readonly events: AsyncIterable<Recorded<ZramEvent>>;
  /** Bytes of the input consumed so far, and its size (for a progress bar). */
  progress(): { done: number; total: number };
  close(): void;
  /** Problems with the input that do not stop the replay (a damaged trace), for stderr. */
  readonly warnings?: readonly string[];
  /** What ingest and decoding dropped (traces and bundles), complete once the events are read. */
  losses?(): InputLosses | null;
}

/** blk_io_trace magic 0x656174vv (vv = version 7 or 8), either byte order. */
const isBlktraceMagic = (b: Buffer): boolean =>
  (b[1] === 0x74 && b[2] === 0x61 && b[3] === 0x65) || (b[0] === 0x65 && b[1] === 0x61 && b[2] === 0x74);

/** An event log, a record bundle (directory with manifest.json), or a blktrace trace (NAME,
 * NAME.blktrace.N, a directory holding one trace, or a single-stream file). */
export function openInput(file: string, content = 'exact', opts: { allowDamage?: boolean } = {}): ReplayInput {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const cpu = findCpuFiles(file).files;
    if (cpu.length > 0) return openTrace(file, regularFiles(cpu.map((f) => f.path)), content);
    throw new BadInputError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (st.isDirectory()) return openDirectory(file, content, opts);
  checkRegular(file); // a FIFO or a device would hang or never end
  if (looksLikeBlktrace(file)) {
    const cpu = /\.blktrace\.\d+$/.test(file) ? findCpuFiles(file).files.map((f) => f.path) : [file];
    return openTrace(file, regularFiles(cpu), content);
  }
  return openLog(file, st.size);
}

function openDirectory(dir: string, content: string, opts: { allowDamage?: boolean }): ReplayInput {
  if (isBundle(dir)) return openBundle(dir, opts);
  const traces = fs.readdirSync(dir).filter((f) => /\.blktrace\.0$/.test(f));
  if (traces.length !== 1) throw new BadInputError(`${dir}: a directory that is neither a record bundle nor holds exactly one blktrace trace`);
  const name = path.join(dir, traces[0].replace(/\.blktrace\.0$/, ''));
  return openTrace(name, regularFiles(findCpuFiles(name).files.map((f) => f.path)), content);
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

function openLog(file: string, size: number): ReplayInput {
  let reader: LogReader;
  try {
    reader = LogReader.open(file);
  } catch (e) {
    if (e instanceof LogCorruptError) throw new BadInputError(`${file}: not a zram-ref event log or of an unknown version (${e.message})`);
    throw e;
  }
  return {
    name: path.basename(file), header: reader.header, digest: fileDigest(file), events: asyncEvents(reader),
    progress: () => ({ done: reader.offset, total: size }),
    close: () => reader.close(),
  };
}

async function* asyncEvents(reader: LogReader): AsyncGenerator<Recorded<ZramEvent>> {
  try {
    for (let r = reader.next(); r !== null; r = reader.next()) yield r;
  } catch (e) {
    if (e instanceof LogCorruptError) throw new BadInputError(e.message);
    throw e;
  } finally {
    reader.close();
  }
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

/** sha256 of the file, read in chunks (memory stays flat). */
export function fileDigest(file: string): string {
  const h = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  try {
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return `sha256:${h.digest('hex')}`;
}
