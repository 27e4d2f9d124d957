// The pool's handling of threads that die: each configuration still gets an outcome (the dead
// thread's ones a clear error), the others' results are kept, and nothing hangs. The workers
// here are small stand-ins (JavaScript files written by the test) that speak the pool's protocol.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FoldJob } from '../../src/compare/job';
import { runPool } from '../../src/compare/pool';
import { assignThreads } from '../../src/compare/assign';
import { workerStart } from '../../src/compare/worker-boot';
import { memoBufferFor } from '../../src/compare/memo-sizing';
import { parseCompareConfig } from '../../src/replay/compare-config';
import { scratchDir } from '../replay/committed';

const dir = scratchDir('zram-ref-compare-pool-');

/** A stand-in worker: answers its jobs in order, each with the indices of the jobs its thread
 * was given, until a job labelled `die` (the thread exits) or `throw` (it throws). */
const STANDIN = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  const mine = m.jobs.map((j) => j.index);
  for (const j of m.jobs) {
    if (j.config.label === 'die') setTimeout(() => process.exit(3), 5);
    if (j.config.label === 'throw') setTimeout(() => { throw new Error('boom'); }, 5);
    if (j.config.label === 'die' || j.config.label === 'throw') return;
    parentPort.postMessage({ type: 'progress', index: j.index, done: 5000, total: 5000 });
    parentPort.postMessage({ type: 'outcome', index: j.index,
      outcome: { ok: true, report: { mine }, cost: { pages: 0, nsPerPage: null } } });
  }
});
`;

function jobs(labels: string[]): FoldJob[] {
  // distinct params: one group each, so assign.ts spreads them 0, 1, 0, ...
  const configs = labels.map((l, i) => ({ ...parseCompareConfig(`alg=lz4,level=${i + 1}`), label: l }));
  const log = { path: 'x.zlog', name: 'x', digest: 'sha256:0', events: 5000, warnings: [], losses: null,
    header: { pageSize: 4096 } as FoldJob['log']['header'] };
  const memo = memoBufferFor(4096 * 8, 4096, configs);
  return configs.map((config, index) => ({ index, config, kernelConfig: 'default', variant: 'claim', content: 'exact',
    every: 0, log, memo }));
}

describe('runPool', () => {
  const start = () => {
    const entry = path.join(dir(), 'standin.js');
    fs.writeFileSync(entry, STANDIN);
    return workerStart(entry);
  };

  test('each thread gets its share (assign.ts); each job its outcome, in order; progress passed on', async () => {
    const progress: number[] = [];
    const out = await runPool(jobs(['a', 'b', 'c']), { size: 2, start: start(), onProgress: (i) => progress.push(i) });
    expect(out.map((o) => o.ok && (o.report as unknown as { mine: number[] }).mine)).toEqual([[0, 2], [1], [0, 2]]);
    expect(progress.sort()).toEqual([0, 1, 2]);
  });

  test('a thread that exits fails its own jobs with the exit code; the other thread\'s results are kept', async () => {
    // size 2: jobs 0 and 2 on thread 0, job 1 (die) on thread 1
    const out = await runPool(jobs(['a', 'die', 'c']), { size: 2, start: start() });
    expect(out[1]).toEqual({ ok: false, badInput: false, message: 'worker thread exited with code 3' });
    expect(out[0].ok && out[2].ok).toBe(true);
  });

  test('a thread that dies part-way keeps the outcomes it sent and fails only the rest', async () => {
    // size 2: jobs 0, 2 (die) and 4 on thread 0; 1 and 3 on thread 1
    const out = await runPool(jobs(['a', 'b', 'die', 'd', 'e']), { size: 2, start: start() });
    expect(out.map((o) => o.ok)).toEqual([true, true, false, true, false]);
    expect(out[4]).toEqual({ ok: false, badInput: false, message: 'worker thread exited with code 3' });
  });

  test('a thread that throws outside a fold fails its jobs, naming the error', async () => {
    const out = await runPool(jobs(['throw', 'b']), { size: 2, start: start() });
    expect(out[0]).toEqual({ ok: false, badInput: false, message: 'worker thread failed: boom' });
    expect(out[1].ok).toBe(true);
  });

  test('every thread dead: the pool returns', async () => {
    const out = await runPool(jobs(['die', 'die']), { size: 2, start: start() });
    expect(out.every((o) => !o.ok && /exited with code 3/.test(o.message))).toBe(true);
  });
});

describe('assignThreads', () => {
  const cfgs = (specs: string[]) => specs.map(parseCompareConfig);
  test('one algorithm and params on one thread; groups spread to even the work', () => {
    const mixed = ['alg=lz4', 'alg=lzo', 'alg=lz4,mem_limit=1M', 'alg=lzo,mem_limit=1M'];
    expect(assignThreads(cfgs(mixed), 2)).toEqual([0, 1, 0, 1]);
    expect(assignThreads(cfgs(['alg=lz4', 'alg=lz4,mem_limit=1M', 'alg=lzo', 'alg=lzo-rle']), 2)).toEqual([0, 0, 1, 1]);
    expect(assignThreads(cfgs(['alg=lz4', 'alg=lz4,level=8', 'alg=lzo']), 4)).toEqual([0, 1, 2]);
  });

  test('a group too big for one thread is split (each part still shares its lengths)', () => {
    const limits = ['alg=lz4', 'alg=lz4,mem_limit=24M', 'alg=lz4,mem_limit=16M', 'alg=lz4,mem_limit=8M'];
    expect(assignThreads(cfgs(limits), 2)).toEqual([0, 0, 1, 1]);
    expect(assignThreads(cfgs([...limits, 'alg=lzo']), 2)).toEqual([0, 0, 0, 1, 1]);
  });
});
