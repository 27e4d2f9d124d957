// Shared fixtures for the log tests: temp files, a header, a small log with known records.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zram_ref } from '../../proto/gen/zram';
import { ContentStore } from '../../src/events/content-store';
import { LOG_FORMAT_VERSION, type LogHeader, type Recorded, type ZramEvent } from '../../src/events/types';
import { MemorySource } from '../../src/log/byte-source';
import { FrameScanner } from '../../src/log/frame-scanner';
import { LogReader } from '../../src/log/reader';
import { LogWriter } from '../../src/log/writer';
import { bytes, nanos, pageIndex, sector } from '../../src/units';
import { pageFrom } from '../events/arbitraries';
import { missingTool } from '../helpers/skip';

export const HEADER: LogHeader = {
  formatVersion: LOG_FORMAT_VERSION, pageSize: 4096, kernelSemantics: 'linux-6.18', variant: 'claim',
  contentSource: 'api', provenance: { tool: 'zram-ref-test' },
};

const dirs: string[] = [];
/** A fresh temp directory, removed after all tests of the file. */
export function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-log-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Ten events of every kind, two distinct pages (one used twice): 2 page records. */
export function smallEvents(): Recorded<ZramEvent>[] {
  const cs = new ContentStore();
  const a = cs.payload(pageFrom(1));
  const b = cs.payload(pageFrom(2));
  const evs: ZramEvent[] = [
    { type: 'AttrStored', attr: 'disksize', value: '1G' },
    { type: 'DeviceOpened', fd: 3 },
    { type: 'BioQueued', bioId: 1, op: 'write', sector: sector(0), bytes: bytes(8192), context: 'process', pages: [a, b] },
    { type: 'BioCompleted', bioId: 1 },
    { type: 'BioQueued', bioId: 2, op: 'write', sector: sector(16), bytes: bytes(4096), context: 'reclaim', pages: [a] },
    { type: 'SlotFreeNotified', index: pageIndex(2), slotBusy: false },
    { type: 'KernelStatSampled', mmStat: '8192 100 4096 0 4096 0 0 0 0\n', ioStat: '0 0 0 0\n', debugStat: 'version: 1\n', stat: '' },
    { type: 'DeviceClosed', fd: 3 },
    { type: 'ResetRequested', value: '1', context: 'process' },
    { type: 'ResetCompleted' },
  ];
  return evs.map((event, seq) => ({ seq, ts: nanos(seq * 1000), event }));
}

/** Writes `events` to a new log file; returns its path. */
export function writeLog(dir: string, name: string, events: readonly Recorded<ZramEvent>[]): string {
  const p = path.join(dir, name);
  const w = LogWriter.create(p, HEADER, { fsync: 'never' });
  for (const e of events) w.append(e);
  w.close();
  return p;
}

/** Reads a whole log from memory: header, events, and the error that stopped it, if any. */
export function readAll(data: Uint8Array, name = 'test.log'): { events: Recorded<ZramEvent>[]; error: unknown } {
  const events: Recorded<ZramEvent>[] = [];
  try {
    const r = new LogReader(new MemorySource(data, name), { chunkBytes: 1024 });
    for (const e of r) events.push(e);
    return { events, error: null };
  } catch (error) {
    return { events, error };
  }
}

/** Record boundaries of a whole log: [start, end) of each frame, and the record's kind. */
export function frames(data: Uint8Array): { start: number; end: number; kind: string }[] {
  const s = new FrameScanner(new MemorySource(data));
  const out: { start: number; end: number; kind: string }[] = [];
  for (let f = s.next(); f !== null; f = s.next()) {
    out.push({ start: f.offset, end: f.end, kind: String(zram_ref.v1.LogRecord.decode(f.payload).record) });
  }
  return out;
}

/** Why `npm run build` cannot make the CRC32C addon here (null: x86-64 Linux with a C compiler,
 * where it must be there). Frames are then checked by @node-rs/crc32. */
export const crcAddonUnbuildable = (): string | null =>
  process.arch !== 'x64' || process.platform !== 'linux' ? 'the CRC32C addon is built on x86-64 Linux only'
    : missingTool('cc', 'apt-get install gcc libc6-dev');

/** Why the CRC32C addon cannot be called here (null: it is loaded). */
export const crcAddonAbsent = (loaded: unknown): string | null =>
  loaded ? null : 'the CRC32C addon is not built here (npm run build, with cc)';
