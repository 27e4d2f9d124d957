// Small parts of the recorder: tying bios to requests (splits, ambiguity, misses), the page
// store's dedup and digest check, the sparse image round trip, the sampling gate, sizes.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { pageSource } from '../../src/record/contents';
import { RequestMatcher, requestPage } from '../../src/record/bundle-match';
import { Gate } from '../../src/record/gate';
import { loadSparseImage } from '../../src/record/image';
import type { IoEntry } from '../../src/record/oplog';
import { loadPages, PageStore } from '../../src/record/page-store';
import { formatSize, parseSize } from '../../src/record/size';
import type { BioInfo } from '../../src/ingest';

const io = (op: IoEntry['op'], off: number, len: number, t0: number, t1: number, pages?: number[]): IoEntry =>
  ({ kind: 'io', step: 1, thread: 0, pid: 1, op, off, len, t0: String(t0), t1: String(t1), errno: null, ...(pages ? { pages } : {}) });
const bio = (sector: number, bytes: number, time: number): BioInfo =>
  ({ bioId: 7, op: 'write', sector, bytes, time: BigInt(time), pageOrdinal: 0 });

describe('recorder parts', () => {
  test('a bio matches the one request whose range and time window contain it, also when split', () => {
    const a = io('write', 0, 16384, 100, 200, [5, 6, 7, 8]);
    const b = io('write', 16384, 8192, 300, 400, [9, 9]);
    const z = io('zeroout', 65536, 4096, 150, 180);
    const m = new RequestMatcher([b, z, a, io('read', 0, 4096, 120, 130)], ['write', 'zeroout']);
    expect(m.match(bio(0, 16384, 150))).toBe(a);
    expect(m.match(bio(128, 4096, 160))).toBe(z);
    const second = bio(16, 8192, 190); // the second half of request a, split off
    expect(m.match(second)).toBe(a);
    expect([0, 1].map((i) => requestPage(a, second, i))).toEqual([7, 8]);
    expect(() => m.match(bio(0, 4096, 250))).toThrow(/no recorded request fit/);
    expect(() => m.match(bio(48, 4096, 350))).toThrow(/no recorded request fit/); // outside b's range
  });

  test('two requests that could both be the bio are an error, not a guess', () => {
    const m = new RequestMatcher([io('write', 0, 4096, 100, 200, [1]), io('write', 0, 8192, 150, 250, [2, 3])], ['write']);
    expect(() => m.match(bio(0, 4096, 170))).toThrow(/2 recorded requests fit/);
  });

  test('the page store keeps each content once and checks digests when loading', () => {
    const s = new PageStore();
    const p1 = new Uint8Array(4096).fill(1);
    const p2 = new Uint8Array(4096).fill(2);
    expect([s.add(p1), s.add(p2), s.add(new Uint8Array(p1)), s.add(p2)]).toEqual([0, 1, 0, 1]);
    const { bin, sha } = s.serialize();
    expect(loadPages(bin, sha).map((p) => p[0])).toEqual([1, 2]);
    expect(() => loadPages(bin, sha.split('\n').reverse().join('\n'))).toThrow(/does not match/);
    expect(() => loadPages(bin, sha.split('\n')[0])).toThrow(/decompresses to more than the 4096 bytes its listing declares/);
    expect(() => s.add(new Uint8Array(100))).toThrow(RangeError);
  });

  test('sparse image: runs map page indices to pages', () => {
    const pages = [3, 4, 9].map((v) => new Uint8Array(4096).fill(v));
    const m = loadSparseImage('10 2\n40 1\n', zlib.gzipSync(Buffer.concat(pages)));
    expect([...m.keys()]).toEqual([10, 11, 40]);
    expect([m.get(11)![0], m.get(40)![4095]]).toEqual([4, 9]);
    expect(() => loadSparseImage('10 5\n', zlib.gzipSync(Buffer.concat(pages)))).toThrow(/lists 5 pages/);
  });

  test('the gate holds new requests while paused and waits for those in flight', async () => {
    const g = new Gate();
    const order: string[] = [];
    await g.enter();
    const paused = g.pauseAll().then(() => order.push('paused'));
    const next = g.enter().then(() => order.push('entered'));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    g.leave();
    await paused;
    expect(order).toEqual(['paused']);
    g.resume();
    await next;
    expect(order).toEqual(['paused', 'entered']);
  });

  test('pausers take turns: a second pauseAll waits for the first resume, threads stay held until the last', async () => {
    const g = new Gate();
    const order: string[] = [];
    await g.pauseAll();
    const second = g.pauseAll().then(() => order.push('second'));
    const thread = g.enter().then(() => order.push('entered'));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    g.resume();
    await second;
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['second']);
    g.resume();
    await thread;
    expect(order).toEqual(['second', 'entered']);
  });

  test('content sources: file pages cycle, same patterns fill, mixes are seeded', () => {
    const f = `/tmp/zram-ref-content-${process.pid}.bin`;
    fs.writeFileSync(f, Buffer.concat([Buffer.alloc(4096, 0x41), Buffer.alloc(100, 0x42)]));
    try {
      const src = pageSource({ kind: 'file', path: f }, 1);
      expect([0, 1, 2].map((i) => src(i)[0])).toEqual([0x41, 0x42, 0x41]);
      expect(src(1)[100]).toBe(0); // the short tail page is zero-padded
    } finally {
      fs.rmSync(f);
    }
    const same = pageSource({ kind: 'same', pattern: Uint8Array.from([1, 2, 3]) }, 0)(5);
    expect([same[0], same[1], same[2], same[3], same[4095]]).toEqual([1, 2, 3, 1, 4095 % 3 + 1]);
    const a = pageSource({ kind: 'mix', spec: 'text:1,binary:1' }, 9);
    const b = pageSource({ kind: 'mix', spec: 'text:1,binary:1' }, 9);
    expect(Buffer.from(a(3)).equals(Buffer.from(b(3)))).toBe(true);
    expect(Buffer.from(a(3)).equals(Buffer.from(a(4)))).toBe(false);
  });

  test('sizes', () => {
    expect(['4096', '4K', '128k', '4M', '1G', '2MiB', 'x', '4T', '-1'].map(parseSize))
      .toEqual([4096, 4096, 131072, 4194304, 1073741824, 2097152, null, null, null]);
    expect([4096, 131072, 3 << 20, 1000].map(formatSize)).toEqual(['4K', '128K', '3M', '1000']);
  });
});
