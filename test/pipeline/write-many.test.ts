// writeMany: the same device, texts and log as one write() per page, whoever compressed a page;
// a failing write throws EIO at the same page with the same state. The worker runs from the
// compiled code (dist/); without a build only the sequential path is checked (the worker test
// is then skipped, not passed).
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DEFAULT_MIX, mixedPage, parseMix } from '../../src/content';
import type { CompAlgorithm } from '../../src/compress/types';
import type { CompressSource } from '../../src/device/page-writer';
import { ZramDevice } from '../../src/device/zram-device';
import { WritePipeline } from '../../src/pipeline/write-many';
import { getCompressor } from '../../src/compress/registry';
import { testUnless } from '../helpers/skip';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const mix = parseMix(DEFAULT_MIX);
const TEXTS = ['mm_stat', 'io_stat', 'stat', 'debug_stat'];
const noBuild = fs.existsSync(path.join(__dirname, '../../dist/src/compress/registry.js')) ? null
  : 'the worker loads the compiled code: run npm run build first';
const hex = (p: Uint8Array): string => Buffer.from(p).toString('hex');

/** A device that counts what its compress source answered. */
function counted(alg: CompAlgorithm, disksize: string, memLimit?: string) {
  const d = new ZramDevice();
  const n = { worker: 0, device: 0 };
  const set = d.setCompressSource.bind(d);
  d.setCompressSource = (src: CompressSource | null) => set(src && ((a, k) => {
    const r = src(a, k);
    if (r) n.worker++; else n.device++;
    return r;
  }));
  d.store('comp_algorithm', alg);
  if (memLimit) d.store('mem_limit', memLimit);
  d.store('disksize', disksize);
  return { d, n };
}

function expectSame(a: ZramDevice, b: ZramDevice): void {
  for (const t of TEXTS) expect(a.show(t)).toBe(b.show(t));
  const la = a.log(), lb = b.log();
  expect(la.length).toBe(lb.length);
  const pages = (l: typeof la) => l.flatMap((r) =>
    (r.event.type === 'BioQueued' ? r.event.pages.map((p) => hex(p.data)) : []));
  expect(pages(la)).toEqual(pages(lb));
}

describe(`writeMany equals write() page by page (seed ${SEED})`, () => {
  const pages = Array.from({ length: 3000 }, (_, i) => mixedPage(mix, SEED, i).page);
  for (const alg of ['lzo-rle', 'lzo', 'lz4'] as CompAlgorithm[]) {
    testUnless(noBuild, `${alg}: with the worker, in batches, overwriting`, () => {
      const pipe = new WritePipeline(1);
      try {
        expect(pipe.parallel).toBe(true);
        expect(pipe.waitUntilRunning()).toBe(true);
        const { d, n } = counted(alg, '16M');
        const ref = counted(alg, '16M').d;
        for (let i = 0; i < pages.length; i += 700) pipe.writeMany(d, (i % 1500) * 4096, pages.slice(i, i + 700));
        for (let i = 0; i < pages.length; i++) ref.write(((i - (i % 700)) % 1500 + (i % 700)) * 4096, pages[i]);
        expectSame(d, ref);
        expect(n.worker + n.device).toBeGreaterThan(0);
        expect(n.worker).toBeGreaterThan(0); // the worker did compress pages the device used
      } finally {
        pipe.close();
      }
    });
  }
  test('without a worker (threads 0) it is write() in a loop', () => {
    const pipe = new WritePipeline(0);
    expect(pipe.parallel).toBe(false);
    const { d } = counted('lz4', '8M');
    const ref = counted('lz4', '8M').d;
    pipe.writeMany(d, 0, pages.slice(0, 500));
    pages.slice(0, 500).forEach((p, i) => ref.write(i * 4096, p));
    expectSame(d, ref);
    pipe.close();
  });
  test('a failing write throws EIO at the same page; the state is that of write() stopping there', () => {
    const pipe = new WritePipeline(1);
    try {
      const { d } = counted('lz4', '8M', '256K');
      const ref = counted('lz4', '8M', '256K').d;
      let failedAt = -1;
      try { pipe.writeMany(d, 0, pages.slice(0, 2000)); } catch (e) {
        expect((e as { errno?: string }).errno).toBe('EIO');
        failedAt = d.log().filter((r) => r.event.type === 'BioQueued').length - 1;
      }
      expect(failedAt).toBeGreaterThan(0);
      for (let i = 0; i <= failedAt; i++) {
        try { ref.write(i * 4096, pages[i]); } catch (e) { expect(i).toBe(failedAt); }
      }
      expectSame(d, ref);
      const zeros = Array.from({ length: 10 }, () => new Uint8Array(4096)); // same-filled: no allocation
      expect(pipe.writeMany(d, 0, zeros)).toBe(40960); // the pipeline stays usable after a failure
    } finally {
      pipe.close();
    }
  });
});

describe('waiting for the worker, the device compresses later pages itself', () => {
  /** The pipeline's inside, to hold a page "in the worker" without one (white box). */
  interface Inside {
    submit(page: Uint8Array, alg: number): void;
    take(alg: CompAlgorithm, key: string): { len: number; bytes: Uint8Array } | undefined;
    folding: number; // the page being folded
    readonly st: Int32Array;
  }
  const WORKER = 2, HELPED = 6, SKIPPED = 5, LZ4 = 2; // write-many.ts's slot states, ALGS index
  const ps = Array.from({ length: 6 }, (_, i) => mixedPage(parseMix('random:1'), 7, i).page);

  test('pages after the held one are compressed here, each once, and taken as lz4 made them', () => {
    const pipe = new WritePipeline(0);
    const inside = pipe as unknown as Inside;
    const same = new Uint8Array(4096).fill(9); // same-filled: skipped, as the worker skips it
    [...ps.slice(0, 4), same, ps[4]].forEach((p) => inside.submit(p, LZ4));
    inside.folding = 0;
    Atomics.store(inside.st, 0, WORKER); // the worker "has" page 0 and never finishes it
    expect(inside.take('lz4', '1')).toBeUndefined(); // so the device compresses page 0 itself
    expect([1, 2, 3, 5].map((t) => Atomics.load(inside.st, t))).toEqual([HELPED, HELPED, HELPED, HELPED]);
    expect(Atomics.load(inside.st, 4)).toBe(SKIPPED);
    const dst = new Uint8Array(8192);
    for (const [t, page] of [[1, ps[1]], [5, ps[4]]] as const) {
      inside.folding = t;
      const r = inside.take('lz4', '1')!;
      const len = getCompressor('lz4').compress(page, dst, {});
      expect(r.len).toBe(len);
      expect(hex(r.bytes)).toBe(hex(dst.subarray(0, len)));
    }
    expect(pipe.stats).toEqual({ worker: 0, helped: 2, device: 1 });
    pipe.close();
  });
});

describe('a worker that is gone never leaves the device waiting', () => {
  // In a child process, so that a regression (waiting for ever on the slot) fails by a timeout
  // instead of hanging the suite. White box: the dead worker's slot is made by hand.
  const script = `
    const { WritePipeline } = require(${JSON.stringify(path.join(__dirname, '../../dist/src/pipeline/write-many.js'))});
    const pipe = new WritePipeline(0);
    const page = new Uint8Array(4096).fill(1);
    for (let i = 0; i < 256; i++) pipe.submit(page, 2);
    Atomics.store(pipe.st, 0, 2);  // slot 0 held by the worker (WORKER) ...
    Atomics.store(pipe.ctl, 5, 1); // ... which is gone (GONE)
    pipe.submit(page, 2);          // takes slot 0 again
    process.stdout.write(String(Atomics.load(pipe.st, 0)));`;

  testUnless(noBuild, 'its slot is taken for the next page', () => {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(r.error).toBeUndefined(); // a timeout: the device waited for the gone worker
    expect(r.stdout).toBe('1');      // READY: slot 0 holds the new page
  });

  testUnless(noBuild, 'a worker that throws says it is gone, holding the slot it threw in', async () => {
    const pipe = new WritePipeline(1);
    const inside = pipe as unknown as { submit(page: Uint8Array, alg: number): void; ctl: Int32Array; st: Int32Array };
    try {
      expect(pipe.waitUntilRunning()).toBe(true);
      expect(Atomics.load(inside.ctl, 5)).toBe(0);
      const page = mixedPage(parseMix('random:1'), 3, 0).page;
      // no backend 9: the worker throws on the first slot it takes, 2 or 3 (it starts LEAD = 2 slots
      // ahead of the fold, and slot 2 may not be submitted yet when it first looks)
      for (let i = 0; i < 4; i++) inside.submit(page, 9);
      const gone = (): boolean => Atomics.load(inside.ctl, 5) === 1;
      for (let i = 0; i < 200 && !gone(); i++) await new Promise((res) => setTimeout(res, 10));
      expect(Atomics.load(inside.ctl, 5)).toBe(1);
      const held = [0, 1, 2, 3].filter((s) => Atomics.load(inside.st, s) === 2); // WORKER: a live device would wait
      expect(held).toHaveLength(1);
      expect([2, 3]).toContain(held[0]);
    } finally {
      pipe.close();
    }
  });
});
