// The pool: rounds of one fold per thread, each round fed one decode of the log, and its handling
// of threads that die: each configuration still gets an outcome (the dead thread's ones a clear
// error), the others' results are kept, and nothing hangs. The workers here are small stand-ins
// (JavaScript written by the test) that speak the pool's protocol without reading the feed (the
// feed retires them when they answer or die); test/compare/feed.test.ts has a reading one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FoldJob } from '../../src/compare/job';
import { runPool, type PoolLog } from '../../src/compare/pool';
import { foldOrder, rounds } from '../../src/compare/assign';
import { workerStart } from '../../src/compare/worker-boot';
import { memoBufferFor } from '../../src/compare/memo-sizing';
import { parseCompareConfig } from '../../src/replay/compare-config';
import { scratchDir } from '../replay/committed';

const dir = scratchDir('zram-ref-compare-pool-');

/** A stand-in worker: answers each job with its thread id, except a job labelled `die` (the
 * thread exits) or `throw` (it throws). */
const STANDIN = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', (m) => {
  const j = m.job;
  if (j.config.label === 'die') { setTimeout(() => process.exit(3), 5); return; }
  if (j.config.label === 'throw') { setTimeout(() => { throw new Error('boom'); }, 5); return; }
  parentPort.postMessage({ type: 'progress', index: j.index, done: 5000, total: 5000 });
  parentPort.postMessage({ type: 'outcome', index: j.index,
    outcome: { ok: true, report: { thread: threadId, slot: m.slot }, cost: { pages: 0, nsPerPage: null } } });
});
`;

/** A log of `n` page-less events (the stand-ins never read it). */
const LOG: PoolLog = { pageSize: 4096, read: () => Array.from({ length: 5000 }, (_, seq) =>
  ({ seq, ts: seq, event: { type: 'BioCompleted', bioId: seq } }) as never) };

function jobs(labels: string[]): FoldJob[] {
  // distinct params: one group each, so they fold in their order
  const configs = labels.map((l, i) => ({ ...parseCompareConfig(`alg=lz4,level=${i + 1}`), label: l }));
  const log = { path: 'x.zlog', name: 'x', digest: 'sha256:0', events: 5000, warnings: [], losses: null,
    header: { pageSize: 4096 } as FoldJob['log']['header'] };
  const memo = memoBufferFor(4096 * 8, 4096, configs);
  return configs.map((config, index) => ({ index, config, kernelConfig: 'default', variant: 'claim', content: 'exact',
    every: 0, log, memo }));
}

type Mine = { thread: number; slot: number };
const mine = (o: { ok: boolean }): Mine => (o as unknown as { report: Mine }).report;

describe('runPool', () => {
  const start = () => {
    const entry = path.join(dir(), 'standin.js');
    fs.writeFileSync(entry, STANDIN);
    return workerStart(entry);
  };

  test.each([[undefined, 'kept chunks: then one job at a time on the first free thread'], [0, 'streamed: rounds']])(
    'a first round of one job per thread on one feed; cache budget %s, %s; outcomes in order, progress passed on',
    async (cacheBytes: number | undefined, _what: string) => {
      const progress: number[] = [];
      const onProgress = (i: number): number => progress.push(i);
      const o = { size: 2, start: start(), onProgress, cacheBytes };
      const out = await runPool(jobs(['a', 'b', 'c', 'd', 'e']), LOG, o);
      expect(out.every((o) => o.ok)).toBe(true);
      // the first round reads one feed on slots 0 and 1; later jobs read a feed of their own (kept
      // chunks: slot 0) or share one per round again (streamed)
      expect(out.map((o) => mine(o).slot)).toEqual(cacheBytes === 0 ? [0, 1, 0, 1, 0] : [0, 1, 0, 0, 0]);
      expect(mine(out[1]).thread).not.toBe(mine(out[0]).thread);
      expect(new Set(out.map((o) => mine(o).thread)).size).toBe(2); // two threads, reused
      expect(progress.sort()).toEqual([0, 1, 2, 3, 4]);
    });

  test('a thread that exits fails its job with the exit code; the other thread\'s results are kept', async () => {
    const out = await runPool(jobs(['a', 'die', 'c']), LOG, { size: 2, start: start() });
    expect(out[1]).toEqual({ ok: false, badInput: false, message: 'worker thread exited with code 3' });
    expect(out[0].ok && out[2].ok).toBe(true);
  });

  test('a thread that dies part-way keeps the outcomes it sent; the live thread folds the jobs left', async () => {
    const out = await runPool(jobs(['a', 'b', 'die', 'd', 'e', 'f']), LOG, { size: 2, start: start() });
    expect(out.map((o) => o.ok)).toEqual([true, true, false, true, true, true]);
    expect(out[2]).toEqual({ ok: false, badInput: false, message: 'worker thread exited with code 3' });
  });

  test('streamed (no chunk cache): a thread that dies fails the jobs of its slot in later rounds', async () => {
    // rounds [0, 1], [2 (die), 3], [4, 5]: slot 0 dies in round 2, so job 4 fails too; slot 1 goes on
    const out = await runPool(jobs(['a', 'b', 'die', 'd', 'e', 'f']), LOG, { size: 2, start: start(), cacheBytes: 0 });
    expect(out.map((o) => o.ok)).toEqual([true, true, false, true, false, true]);
    expect(out[4]).toEqual({ ok: false, badInput: false, message: 'worker thread exited with code 3' });
  });

  test('a thread that throws outside a fold fails its job, naming the error', async () => {
    const out = await runPool(jobs(['throw', 'b']), LOG, { size: 2, start: start() });
    expect(out[0]).toEqual({ ok: false, badInput: false, message: 'worker thread failed: boom' });
    expect(out[1].ok).toBe(true);
  });

  test('every thread dead: the pool returns', async () => {
    const out = await runPool(jobs(['die', 'die', 'x']), LOG, { size: 2, start: start() });
    expect(out.every((o) => !o.ok && /exited with code 3/.test(o.message))).toBe(true);
  });
});

describe('folding order', () => {
  const cfgs = (specs: string[]) => specs.map(parseCompareConfig);
  test('the first of each algorithm and params first; the others in later rounds, never side by side with it', () => {
    const mixed = ['alg=lz4', 'alg=lz4,mem_limit=1M', 'alg=lzo', 'alg=lzo,mem_limit=1M'];
    expect(foldOrder(cfgs(mixed))).toEqual([0, 2, 1, 3]);
    expect(rounds(foldOrder(cfgs(mixed)), 2)).toEqual([[0, 2], [1, 3]]);
    const limits = ['alg=lz4', 'alg=lz4,mem_limit=24M', 'alg=lz4,mem_limit=16M', 'alg=lzo'];
    expect(foldOrder(cfgs(limits))).toEqual([0, 3, 1, 2]);
    expect(rounds([0, 1, 2, 3, 4], 2)).toEqual([[0, 1], [2, 3], [4]]);
  });
});
