// The read-back's pure parts: the incremental follower of a growing trace file (records cut at
// any byte, several files), which records ask for a read-back, the queue of waiting pages
// (coalescing, re-writes, oldest first, drain bookkeeping) and the lag percentiles.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BLK_TA, BLK_TC, BlkRecord, tcAct } from '../../src/blktrace/record';
import { encodedSize, encodeRecords } from '../../src/blktrace/write';
import { mulberry32 } from '../../src/content/prng';
import { bufferState, caughtUp } from '../../src/record/readback-catchup';
import { FollowedFile, TraceFollower } from '../../src/record/readback-follow';
import { LagStats } from '../../src/record/readback-lag';
import { PendingPages } from '../../src/record/readback-queue';
import { completedWrite } from '../../src/record/readback-writes';

const Q = (tcAct(BLK_TC.QUEUE) | BLK_TA.QUEUE) >>> 0;
const C = (tcAct(BLK_TC.COMPLETE) | BLK_TA.COMPLETE) >>> 0;
const W = tcAct(BLK_TC.WRITE);
const R = tcAct(BLK_TC.READ);
const D = tcAct(BLK_TC.DISCARD);

function rec(i: number, action: number, o: Partial<BlkRecord> = {}): BlkRecord {
  return { version: 7, sequence: 0, time: BigInt(1000 + i), sector: BigInt(i * 8), bytes: 4096, action: action >>> 0,
    actionHigh: 0, pid: 100, device: 0x0fd00001, cpu: 0, error: 0, pdu: new Uint8Array(0), offset: 0, ...o };
}

/** Records with a payload now and then (so records are not all 48 bytes long). */
function records(n: number, rnd: () => number): BlkRecord[] {
  return Array.from({ length: n }, (_, i) => rec(i, (i % 2 ? C : Q) | (rnd() < 0.5 ? W : R),
    { pdu: rnd() < 0.2 ? new Uint8Array(Array.from({ length: 8 }, (_x, k) => (i + k) & 0xff)) : new Uint8Array(0) }));
}

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'readback-'));
const key = (r: BlkRecord): string =>
  `${r.time}:${r.sector}:${r.action}:${r.bytes}:${Buffer.from(r.pdu).toString('hex')}`;

describe('read-back follower', () => {
  for (const seed of [1, 2, 3, 17, 99]) {
    test(`a file growing in random chunks (records cut anywhere) decodes to the same records, seed ${seed}`, () => {
      const rnd = mulberry32(seed);
      const want = records(300, rnd);
      const bytes = encodeRecords(want);
      const dir = tmp();
      const file = path.join(dir, 'trace.blktrace.0');
      const f = new FollowedFile(file);
      expect(f.poll()).toEqual([]); // not there yet: nothing, no error
      fs.writeFileSync(file, '');
      const ends: number[] = [];
      want.reduce((end, r) => { ends.push(end + encodedSize(r)); return end + encodedSize(r); }, 0);
      const got: BlkRecord[] = [];
      let at = 0;
      while (at < bytes.length) {
        const n = Math.min(bytes.length - at, 1 + Math.floor(rnd() * 150));
        fs.appendFileSync(file, bytes.subarray(at, at + n));
        at += n;
        f.poll(got);
        // every record whose last byte is written is out, no more
        const complete = ends.filter((e) => e <= at).length;
        expect(got.length).toBe(complete);
      }
      expect(got.map(key)).toEqual(want.map(key));
      expect(f.position).toBe(bytes.length);
      f.close();
      fs.rmSync(dir, { recursive: true });
    });
  }

  test('several CPU files are followed together; a missing one is skipped until it appears', () => {
    const dir = tmp();
    const files = [0, 1].map((c) => path.join(dir, `t.blktrace.${c}`));
    const a = records(10, mulberry32(5));
    const b = records(6, mulberry32(6)).map((r) => ({ ...r, cpu: 1, time: r.time + 5000n }));
    fs.writeFileSync(files[0], encodeRecords(a));
    const f = new TraceFollower(files);
    expect(f.poll().map(key)).toEqual(a.map(key));
    fs.writeFileSync(files[1], encodeRecords(b));
    expect(f.poll().map(key)).toEqual(b.map(key));
    expect(f.poll()).toEqual([]);
    f.close();
    fs.rmSync(dir, { recursive: true });
  });
});

describe('which records ask for a read-back', () => {
  const own = new Set([7]);
  test('a completed write of another task does, with its byte range and C time', () => {
    expect(completedWrite(rec(3, C | W, { sector: 24n, bytes: 8192, time: 5n }), own))
      .toEqual({ off: 12288, len: 8192, c: 5n, pid: 100 });
  });
  test.each([
    ['a queued write', rec(1, Q | W)],
    ['a completed read', rec(1, C | R)],
    ['a discard', rec(1, C | W | D)],
    ['a failed write', rec(1, C | W, { error: 0xfffb })],
    ['an empty (flush) completion', rec(1, C | W, { bytes: 0 })],
    ['a write of the recorder itself', rec(1, C | W, { pid: 7 })],
  ])('%s does not', (_n, r) => {
    expect(completedWrite(r, own)).toBeNull();
  });
});

describe('waiting pages', () => {
  test('adjacent writes are read in one bio of at most maxPages; a re-write keeps its place', () => {
    const q = new PendingPages(1000);
    const w1 = q.add(8192, 4096);      // page 2
    const w2 = q.add(4096, 4096);      // page 1
    const w3 = q.add(12288, 8192);     // pages 3-4
    const w4 = q.add(8192, 4096);      // page 2 again: no new place
    expect(q.size).toBe(4);
    const r = q.take(256)!;
    expect({ page: r.page, count: r.count }).toEqual({ page: 1, count: 4 });
    expect([...r.writes].sort()).toEqual([w1, w2, w3, w4].sort());
    expect(q.take(256)).toBeNull();
  });

  test('the oldest page goes first; a run is cut at maxPages', () => {
    const q = new PendingPages(1000);
    q.add(500 * 4096, 4096);
    q.add(0, 10 * 4096);
    const a = q.take(4)!;
    expect([a.page, a.count]).toEqual([500, 1]);
    const b = q.take(4)!;
    expect([b.page, b.count]).toEqual([0, 4]);
    expect(b.writes).toEqual([]); // pages 4..9 of the second write still wait
    expect(q.take(100)!.writes).toEqual([2]);
  });

  test('partial pages round out; pages past the disk are not read', () => {
    const q = new PendingPages(4);
    q.add(4096 + 512, 1024);
    q.add(3 * 4096, 8192);
    const r = q.take(256)!;
    expect([r.page, r.count]).toEqual([1, 1]);
    const s = q.take(256)!;
    expect([s.page, s.count]).toEqual([3, 1]);
  });

  test('drain bookkeeping: oldestSeq passes lastSeq once everything queued is taken', () => {
    const q = new PendingPages(100);
    expect(q.oldestSeq).toBe(Infinity);
    q.add(0, 4096);
    q.add(40960, 4096);
    const target = q.lastSeq;
    q.add(81920, 4096);
    q.take(1);
    expect(q.oldestSeq).toBeLessThanOrEqual(target);
    const second = q.take(1)!;
    expect(second.minSeq).toBeLessThanOrEqual(target);
    expect(q.oldestSeq).toBeGreaterThan(target);
  });
});

describe('lag figures', () => {
  for (const seed of [4, 8]) {
    test(`percentiles within 1.1% of the exact ones, max exact, seed ${seed}`, () => {
      const rnd = mulberry32(seed);
      const xs = Array.from({ length: 5000 }, () => Math.floor(1e4 + rnd() * rnd() * 5e7));
      const l = new LagStats();
      xs.forEach((x) => l.add(x));
      const sorted = [...xs].sort((a, b) => a - b);
      const exact = (q: number): number => sorted[Math.ceil(q * xs.length) - 1];
      const f = l.figures();
      expect(Math.abs(f.p50 / exact(0.5) - 1)).toBeLessThan(0.011);
      expect(Math.abs(f.p99 / exact(0.99) - 1)).toBeLessThan(0.011);
      expect(f.max).toBe(sorted[sorted.length - 1]);
    });
  }
  test('no samples: zeros', () => {
    expect(new LagStats().figures()).toEqual({ p50: 0, p99: 0, max: 0 });
  });
});

describe('catching up with the trace readers (fake tracefs stats)', () => {
  const stats = (entries: number, oldest: string, read: number): string =>
    `entries: ${entries}\noverrun: 0\ncommit overrun: 0\nbytes: 0\noldest event ts: ${oldest}\n` +
    `now ts: 99999.000000\ndropped events: 0\nread events: ${read}\n`;
  function fakeRoot(text: string): string {
    const root = tmp();
    fs.mkdirSync(path.join(root, 'per_cpu', 'cpu0'), { recursive: true });
    fs.writeFileSync(path.join(root, 'per_cpu', 'cpu0', 'stats'), text);
    return root;
  }

  test('bufferState reads entries, the oldest event time in ns and the events read', () => {
    expect(bufferState(fakeRoot(stats(3, '12100.141236', 42)), 0))
      .toEqual({ entries: 3, oldestNs: 12100141236000n, read: 42 });
  });

  test('with events after t still buffered, it waits until as many records as events read are decoded', async () => {
    // the reader is this (running) process: never "asleep in read", so only the count can decide
    const root = fakeRoot(stats(5, '20.000000', 10));
    const src = { files: ['f0'], ftrace: { root, readers: [{ cpu: 0, pid: process.pid, file: 'f0' }] } };
    let n = 8;
    const polls: number[] = [];
    const done = caughtUp(src, 19_000_000_000n, () => { polls.push(n); n = Math.min(10, n + 1); }, () => n, 2000);
    expect(await done).toBe(true);
    expect(n).toBe(10);
    expect(polls.length).toBeGreaterThanOrEqual(2);
  });

  test('events from before t still buffered and never read: false at the timeout', async () => {
    const root = fakeRoot(stats(5, '18.000000', 10));
    const src = { files: ['f0'], ftrace: { root, readers: [{ cpu: 0, pid: process.pid, file: 'f0' }] } };
    expect(await caughtUp(src, 19_000_000_000n, () => undefined, () => 1000, 100)).toBe(false);
  });
});
