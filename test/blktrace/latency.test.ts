// Q2C / D2C: pairing for bio-based (Q, C) and request-based (Q, G, I, D, C, splits) traces.
import * as path from 'node:path';
import { computeLatency } from '../../src/blktrace/latency';
import { summarize } from '../../src/latency/histogram';
import { MergedRecord } from '../../src/blktrace/merge';
import { readMerged } from '../../src/blktrace/read';
import { BlkRecord } from '../../src/blktrace/record';
import { REAL_TRACES } from './helpers';

const m = (time: number, code: number, cats: number, sector: number, bytes: number): MergedRecord => {
  const rec: BlkRecord = { version: 7, sequence: 0, time: BigInt(time), sector: BigInt(sector), bytes,
    action: ((cats << 16) | code) >>> 0, actionHigh: 0, pid: 1, device: 1, cpu: 0, error: 0, pdu: new Uint8Array(0), offset: 0 };
  return { rec, streamCpu: 0, relTime: BigInt(time) };
};
const W = 0x0a; // WRITE | SYNC
const R = 0x01;

describe('latency', () => {
  it('pairs Q and C on the same range; D2C from D', () => {
    const rep = computeLatency([m(0, 1, W, 0, 4096), m(5, 7, W, 0, 4096), m(12, 8, W, 0, 4096), m(20, 1, R, 8, 8192), m(50, 8, R, 8, 8192)]);
    expect(rep.q2c.write).toMatchObject({ count: 1, min: 12, max: 12 });
    expect(rep.d2c.write).toMatchObject({ count: 1, min: 7 });
    expect(rep.q2c.read).toMatchObject({ count: 1, min: 30 });
    expect(rep.d2c.read.count).toBe(0);
    expect([rep.unpairedQ, rep.unpairedC]).toEqual([0, 0]);
  });

  it('a split Q completes when its last piece does; a merged C completes every Q inside it', () => {
    const rep = computeLatency([m(0, 1, R, 0, 65536), m(10, 8, R, 0, 32768), m(30, 8, R, 64, 32768),
      m(40, 1, W, 200, 4096), m(41, 1, W, 208, 4096), m(60, 8, W, 200, 8192)]);
    expect(rep.q2c.read).toMatchObject({ count: 1, min: 30 });
    expect(rep.q2c.write).toMatchObject({ count: 2, min: 19, max: 20 });
  });

  it('summaries come from the one percentile engine; an op without bios has nulls', () => {
    expect(summarize([3, 1, 2])).toMatchObject({ count: 3, min: 1, mean: 2, max: 3, p50: 2, p999: 3 });
    const rep = computeLatency([m(0, 1, W, 0, 4096), m(12, 8, W, 0, 4096)]);
    expect(rep.q2c.read).toEqual({ count: 0, min: null, mean: null, p50: null, p90: null, p99: null, p999: null,
      max: null });
  });

  it('every Q of the real zram traces finds its C', () => {
    for (const n of ['zram-seqwrite', 'zram-randrw-2cpu', 'zram-discard']) {
      const rep = computeLatency(readMerged(path.join(REAL_TRACES, n, n)).merged);
      expect([rep.unpairedQ, rep.unpairedC, rep.queued]).toEqual([0, 0, rep.completed]);
    }
  });
});
