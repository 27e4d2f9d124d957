// Opens a replay input: the header, an event stream, a digest of the input and a progress
// measure. Event logs are read here; a blktrace trace needs ingest and a record bundle needs
// the bundle reader, neither of which exists yet: both are refused with a clear message.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LogHeader, Recorded, ZramEvent } from '../events/types';
import { LogCorruptError, LogReader } from '../log';
import { BadInputError } from './bad-input';

export interface ReplayInput {
  readonly name: string;        // base name, for headers and people
  readonly header: LogHeader;
  readonly digest: string;      // "sha256:<hex>" of the input file's bytes
  readonly events: AsyncIterable<Recorded<ZramEvent>>;
  /** Bytes of the input consumed so far, and its size (for a progress bar). */
  progress(): { done: number; total: number };
  close(): void;
}

/** blk_io_trace magic 0x656174vv (vv = version 7 or 8), either byte order. */
const isBlktraceMagic = (b: Buffer): boolean =>
  (b[1] === 0x74 && b[2] === 0x61 && b[3] === 0x65) || (b[0] === 0x65 && b[1] === 0x61 && b[2] === 0x74);

export function openInput(file: string): ReplayInput {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new BadInputError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (st.isDirectory()) throw new BadInputError(`${file}: a directory (record bundles are not supported by replay yet; give an event log)`);
  if (looksLikeBlktrace(file)) {
    throw new BadInputError(`${file}: a blktrace trace; replaying traces needs ingest (src/ingest), which is not available yet: ingest it into an event log first`);
  }
  let reader: LogReader;
  try {
    reader = LogReader.open(file);
  } catch (e) {
    if (e instanceof LogCorruptError) throw new BadInputError(`${file}: not a zram-ref event log or of an unknown version (${e.message})`);
    throw e;
  }
  return {
    name: path.basename(file), header: reader.header, digest: fileDigest(file), events: asyncEvents(reader),
    progress: () => ({ done: reader.offset, total: st.size }),
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
