// Writes an ingested event stream as a log file, whole or not at all: into a temporary file
// beside the target, fsynced and renamed into place at the end; removed on any failure.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LogHeader, Recorded, ZramEvent } from '../events/types';
import { LogWriter } from '../log/writer';

const BATCH = 256; // events per append: one staging pass per batch

export interface WrittenLog { readonly path: string; readonly events: number; readonly bytes: number }

export async function writeEventLog(out: string, header: LogHeader, events: AsyncIterable<Recorded<ZramEvent>>,
  onEvent?: (n: number) => void): Promise<WrittenLog> {
  const tmp = path.join(path.dirname(out),
    `.${path.basename(out)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const w = LogWriter.create(tmp, header, { fsync: 'close' });
  let done = false;
  try {
    let batch: Recorded<ZramEvent>[] = [];
    for await (const r of events) {
      batch.push(r);
      if (batch.length === BATCH) { w.appendBatch(batch); batch = []; onEvent?.(w.version); }
    }
    if (batch.length) w.appendBatch(batch);
    w.close();
    fs.renameSync(tmp, out);
    done = true;
    return { path: out, events: w.version, bytes: fs.statSync(out).size };
  } finally {
    if (!done) {
      try { w.close(); } catch { /* the write already failed: that error is the one to report */ }
      fs.rmSync(tmp, { force: true });
    }
  }
}
