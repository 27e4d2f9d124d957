// writeMany: the same device, texts and log as one write() per page, whoever compressed a page;
// a failing write throws EIO at the same page with the same state. The worker runs from the
// compiled code (dist/); without a build only the sequential path is checked (the worker test
// is then skipped, not passed).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MIX, mixedPage, parseMix } from '../../src/content';
import type { CompAlgorithm } from '../../src/compress/types';
import type { CompressSource } from '../../src/device/page-writer';
import { ZramDevice } from '../../src/device/zram-device';
import { WritePipeline } from '../../src/pipeline/write-many';
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
