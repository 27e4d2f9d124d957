// A 200,000-event log reads in constant memory: the chunk buffer stays one chunk and the heap
// does not grow with the number of events (only with distinct page contents).
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { ContentStore } from '../../src/events/content-store';
import type { ZramEvent } from '../../src/events/types';
import { LogReader } from '../../src/log/reader';
import { LogWriter } from '../../src/log/writer';
import { bytes, nanos, sector } from '../../src/units';
import { pageFrom } from '../events/arbitraries';
import { HEADER, tmpDir } from './helpers';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const N = 200_000;
const DISTINCT = 16;

function event(i: number, cs: ContentStore): ZramEvent {
  if (i % 2 === 1) return { type: 'BioCompleted', bioId: i - 1 };
  const write = i % 10 === 0;
  return {
    type: 'BioQueued', bioId: i, op: write ? 'write' : 'read', sector: sector((i * 8) % 65536), bytes: bytes(4096), context: 'process',
    pages: write ? [cs.payload(pageFrom((i / 10) % DISTINCT))] : [],
  };
}

test(`reading ${N} events keeps memory flat`, () => {
  const p = path.join(tmpDir(), 'big.log');
  const cs = new ContentStore();
  const w = LogWriter.create(p, HEADER, { fsync: 'never' });
  for (let i = 0; i < N; i++) w.append({ ts: nanos(i), event: event(i, cs) });
  w.close();

  gc();
  const before = process.memoryUsage().heapUsed;
  const r = LogReader.open(p, { chunkBytes: 64 * 1024 });
  let count = 0;
  let peak = 0;
  for (const e of r) {
    if (e.seq !== count) throw new Error(`seq ${e.seq} at position ${count}`);
    count++;
    if (count % 20_000 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      expect(r.bufferBytes).toBe(64 * 1024);
    }
  }
  expect(count).toBe(N);
  expect(r.pageCount).toBe(DISTINCT);
  // 16 pages are 64 KiB; retaining the events would be tens of MB.
  expect(peak).toBeLessThan(8 * 1024 * 1024);
});
