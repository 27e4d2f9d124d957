// Torn-tail recovery, run only when asked (never by a reader or writer on its own): reads
// the log until the first record that is not whole and valid, and truncates the file there.
// Everything after a bad record is dropped too: without a valid length there is no safe way
// to find where the next record starts. A bad header is not recovered (nothing would be left).
import * as fs from 'node:fs';
import { LogCorruptError } from './errors';
import { LogReader } from './reader';

export interface RecoveryReport {
  readonly path: string;
  readonly keptBytes: number;      // the file's new length: the end of the last whole record
  readonly droppedBytes: number;   // bytes cut from the end (0: the log was whole)
  readonly keptEvents: number;
  readonly reason: string | null;  // the LogCorruptError message that stopped the read
}

export function recoverLog(path: string): RecoveryReport {
  const size = fs.statSync(path).size;
  const reader = LogReader.open(path); // a bad header throws here: nothing is truncated
  let reason: string | null = null;
  try {
    while (reader.next() !== null);
  } catch (e) {
    if (!(e instanceof LogCorruptError)) throw e;
    reason = e.message;
  } finally {
    reader.close();
  }
  const keptBytes = reader.offset;
  if (keptBytes < size) fs.truncateSync(path, keptBytes);
  return { path, keptBytes, droppedBytes: size - keptBytes, keptEvents: reader.events, reason };
}
