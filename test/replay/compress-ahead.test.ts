// The compress-ahead worker runs compiled code only (dist/, which `npm ci` builds): this test
// loads it from there, so it checks the worker the CLI actually starts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { getCompressor } from '../../src/compress/registry';
import { pageSameFilled } from '../../src/device/same-filled';
import { KERNEL_SEMANTICS, LOG_FORMAT_VERSION } from '../../src/events/types';
import { LogWriter } from '../../src/log';
import { bytes, nanos, sector } from '../../src/units';
import { writeLog } from './log-file';

const DIST = path.join(__dirname, '../../dist/src/replay/compress-ahead.js');
const SEED = 5;

function page(i: number): Uint8Array {
  const p = new Uint8Array(4096);
  if (i % 5 === 0) return p.fill(i & 0xff); // same-filled: the worker leaves these out
  let x = (SEED * 2654435761 + i * 40503) >>> 0;
  for (let b = 0; b < p.length; b++) { x = (x * 1103515245 + 12345) >>> 0; p[b] = i % 3 === 0 ? x >>> 24 : (b >> 4) + (x >>> 30); }
  return p;
}

/** `p`, or a rejection after `ms` (a digest that never comes fails here, not at jest's timeout). */
const within = <T>(p: Promise<T>, ms: number): Promise<T> => Promise.race([p,
  new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no result in ${ms} ms`)), ms).unref())]);

describe(`compress-ahead worker (seed ${SEED})`, () => {
  test('hands over, by key and in order, exactly what the fold would compute; skipped keys give nothing', async () => {
    expect(fs.existsSync(DIST)).toBe(true); // run `npm run build` first
    const { startCompressAhead } = require(DIST) as typeof import('../../src/replay/compress-ahead');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ahead-'));
    try {
      const log = path.join(dir, 'a.zlog');
      const w = LogWriter.create(log, { formatVersion: LOG_FORMAT_VERSION, pageSize: 4096, kernelSemantics: KERNEL_SEMANTICS,
        variant: 'claim', contentSource: 'exact', provenance: { tool: 'test' } }, { fsync: 'never' });
      const pages = Array.from({ length: 300 }, (_, i) => page(i));
      w.append({ ts: nanos(0), event: { type: 'AttrStored', attr: 'disksize', value: '4M\n' } });
      pages.forEach((data, i) => w.append({ ts: nanos(i + 1), event: { type: 'BioQueued', bioId: i + 1, op: 'write',
        sector: sector(i * 8), bytes: bytes(4096), context: 'process', pages: [{ key: i + 1, data }] } }));
      w.close();
      for (const alg of ['lz4', 'lzo-rle'] as const) {
        const a = startCompressAhead(log, alg, false, { lanes: 1 })!;
        expect(a).not.toBeNull();
        await new Promise((r) => setTimeout(r, 1500)); // let it run ahead (it stops when its ring is full)
        const c = getCompressor(alg), buf = new Uint8Array(8192);
        let hits = 0;
        for (let i = 0; i < pages.length; i++) {
          if (i === 150) expect(a.take(i + 1 + 1000)).toBeUndefined(); // a key it never saw
          if (i > 150) break; // past the jump: everything below key 1151 is skipped
          const got = a.take(i + 1);
          if (pageSameFilled(pages[i])) { expect(got).toBeUndefined(); continue; }
          if (got === undefined) continue;
          hits++;
          const len = c.compress(pages[i], buf, {});
          expect({ alg: got.alg, len: got.len, bytes: Buffer.from(got.bytes) })
            .toEqual({ alg, len, bytes: Buffer.from(buf.subarray(0, len)) });
        }
        a.stop();
        expect(hits).toBeGreaterThan(100);
      }
      // lengths only (a fold keeping content keys): the lengths and read digests, no bytes, far ahead of the fold
      const { contentDigest } = require('../../src/replay/content-digest') as
        typeof import('../../src/replay/content-digest');
      const a = startCompressAhead(log, 'lz4', true, { lanes: 1 })!;
      await new Promise((r) => setTimeout(r, 1500));
      const c = getCompressor('lz4');
      let hits = 0;
      for (let i = 0; i < pages.length; i++) {
        const got = a.take(i + 1);
        if (pageSameFilled(pages[i])) { expect(got).toBeUndefined(); continue; }
        expect(got).toBeDefined(); // 240 pages fit its ring: it had them all
        expect({ len: got!.len, bytes: got!.bytes.length, digest: got!.digest })
          .toEqual({ len: c.compressedLength(pages[i], {}), bytes: 0, digest: contentDigest(pages[i]) });
        hits++;
      }
      a.stop();
      // here(): what take() gave, computed on this thread from the page's bytes
      for (let i = 1; i < pages.length; i += 7) {
        if (pageSameFilled(pages[i])) continue;
        const here = a.here(pages[i])!;
        expect({ ...here, bytes: here.bytes.length }).toEqual({ alg: 'lz4', paramsKey: '1',
          len: c.compressedLength(pages[i], {}), bytes: 0, digest: contentDigest(pages[i]) });
      }
      expect(hits).toBe(240);
      const withBytes = startCompressAhead(log, 'lz4', false, { lanes: 1 })!;
      expect(withBytes.here(pages[1])).toBeUndefined(); // its fold needs the bytes: it compresses them itself
      withBytes.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a hashing worker gives the log\'s digest without waiting for the fold, and after stop()', async () => {
    const { startCompressAhead } = require(DIST) as typeof import('../../src/replay/compress-ahead');
    const { fileDigest } = require('../../src/ingest/input-digest') as typeof import('../../src/ingest/input-digest');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ahead-'));
    try {
      const log = path.join(dir, 'h.zlog');
      const w = LogWriter.create(log, { formatVersion: LOG_FORMAT_VERSION, pageSize: 4096, kernelSemantics: KERNEL_SEMANTICS,
        variant: 'claim', contentSource: 'exact', provenance: { tool: 'test' } }, { fsync: 'never' });
      w.append({ ts: nanos(0), event: { type: 'AttrStored', attr: 'disksize', value: '4M\n' } });
      for (let i = 0; i < 600; i++) { // 2.4 MB: more than the worker's first reads
        w.append({ ts: nanos(i + 1), event: { type: 'BioQueued', bioId: i + 1, op: 'write', sector: sector(i * 8),
          bytes: bytes(4096), context: 'process', pages: [{ key: i + 1, data: page(i + 7) }] } });
      }
      w.close();
      const want = fileDigest(log);
      // a ring of 8 slots, nothing taken: the worker is stuck behind the fold, and hashes the rest first
      const stuck = startCompressAhead(log, 'lz4', true, { hash: true, slots: 8, lanes: 1 })!;
      expect(await within(stuck.digest!, 20_000)).toBe(want);
      expect(stuck.take(1)).toBeDefined(); // it did compress ahead meanwhile
      stuck.close();
      // stopped at once: no compression wanted, the digest still comes
      const stopped = startCompressAhead(log, 'lzo', true, { hash: true, lanes: 1 })!;
      stopped.stop();
      expect(await within(stopped.digest!, 20_000)).toBe(want);
      stopped.close();
      const plain = startCompressAhead(log, 'lz4', true, { lanes: 1 })!;
      expect(plain.digest).toBeNull(); // not asked: no digest
      plain.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('several lanes: each page comes from the worker of its key modulo the lanes, none is lost', async () => {
    const { startCompressAhead } = require(DIST) as typeof import('../../src/replay/compress-ahead');
    const { contentDigest } = require('../../src/replay/content-digest') as
      typeof import('../../src/replay/content-digest');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ahead-'));
    try {
      const log = path.join(dir, 'l.zlog');
      const pages = Array.from({ length: 200 }, (_, i) => page(i + 3));
      writeLog(log, [{ seq: 0, ts: nanos(0), event: { type: 'AttrStored', attr: 'disksize', value: '4M\n' } },
        ...pages.map((data, i) => ({ seq: i + 1, ts: nanos(i + 1), event: { type: 'BioQueued' as const, bioId: i + 1,
          op: 'write' as const, sector: sector(i * 8), bytes: bytes(4096), context: 'process' as const,
          pages: [{ key: i + 1, data }] } }))]);
      const c = getCompressor('lz4');
      for (const lanes of [2, 3]) {
        const a = startCompressAhead(log, 'lz4', true, { lanes, hash: true })!;
        await within(a.digest!, 20_000);
        for (let t = 0; !a.handedOver().done; t++) {
          expect(t).toBeLessThan(2000); // 20 s
          await new Promise((r) => setTimeout(r, 10));
        }
        // each page once: a lane takes only its own keys
        expect(a.handedOver().pages).toBe(pages.filter((p) => !pageSameFilled(p)).length);
        const missing: number[] = [];
        for (let i = 0; i < pages.length; i++) {
          const got = a.take(i + 1);
          if (pageSameFilled(pages[i])) { expect(got).toBeUndefined(); continue; }
          if (got === undefined) { missing.push(i + 1); continue; }
          expect({ len: got.len, digest: got.digest })
            .toEqual({ len: c.compressedLength(pages[i], {}), digest: contentDigest(pages[i]) });
        }
        a.close();
        expect({ lanes, missing }).toEqual({ lanes, missing: [] });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
