// compare's shared decode: the log decoded once per round into shared chunks that every fold of
// the round reads. The chunks give back exactly the events the log holds (every committed
// bundle), page data as views of shared memory; the producer stays at most a window ahead of
// the slowest reader; readers on worker threads read what a direct read gives, and an error
// in the log reaches every reader as its fold's failure.
import * as path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { packChunks, SharedFeed, WINDOW } from '../../src/compare/feed';
import type { FoldJob } from '../../src/compare/job';
import { memoBufferFor } from '../../src/compare/memo-sizing';
import { runPool, type PoolLog } from '../../src/compare/pool';
import { workerStart } from '../../src/compare/worker-boot';
import type { Recorded, ZramEvent } from '../../src/events/types';
import { CHUNK_PAGES, ChunkPacker, unpackChunk } from '../../src/log/shared-chunk';
import { parseCompareConfig } from '../../src/replay/compare-config';
import { openInput, type ReplayInput } from '../../src/replay/input';
import { BUNDLES, BUNDLES_ROOT, scratchDir } from '../replay/committed';
import { digestEvents } from './feed-digest';

const dir = scratchDir('zram-ref-compare-feed-');
let cacheBefore: string | undefined;
beforeAll(() => { cacheBefore = process.env.ZRAM_REF_CACHE; process.env.ZRAM_REF_CACHE = path.join(dir(), 'cache'); });
afterAll(() => {
  if (cacheBefore === undefined) delete process.env.ZRAM_REF_CACHE;
  else process.env.ZRAM_REF_CACHE = cacheBefore;
});

async function withLog<T>(bundle: string, f: (input: ReplayInput) => Promise<T>): Promise<T> {
  const input = await openInput(path.join(BUNDLES_ROOT, bundle), 'exact');
  try { return await f(input); } finally { input.close(); }
}

function pack(events: Iterable<Recorded<ZramEvent>>): SharedArrayBuffer[] {
  const p = new ChunkPacker(4096);
  const out: SharedArrayBuffer[] = [];
  for (const r of events) { if (!p.fits(r)) out.push(p.take()); p.add(r); }
  if (p.size > 0) out.push(p.take());
  return out;
}

describe('shared chunks', () => {
  test.each(BUNDLES)('bundle %s: packed and unpacked, every event and page byte as the log holds it', async (b) => {
    await withLog(b, async (input) => {
      const store = input.store!;
      const direct = digestEvents(store.readSync(0));
      const chunks = pack(store.readSync(0));
      const unpacked = chunks.flatMap((c) => [...unpackChunk(c, 4096)]);
      expect(digestEvents(unpacked)).toEqual(direct);
      expect(unpacked.map((r) => r.seq)).toEqual(Array.from({ length: store.version }, (_, i) => i));
      const pages = unpacked.flatMap((r) => (r.event.type === 'BioQueued' ? r.event.pages : []));
      expect(pages.every((p) => p.data.buffer instanceof SharedArrayBuffer && p.data.length === 4096)).toBe(true);
      // a chunk holds at most CHUNK_PAGES distinct pages, unless one bio alone brought more
      for (const c of chunks) {
        const bios = [...unpackChunk(c, 4096)].flatMap((r) => (r.event.type === 'BioQueued' && r.event.pages.length
          ? [r.event.pages.map((p) => p.key)] : []));
        const keys = new Set(bios.flat());
        expect(keys.size <= CHUNK_PAGES || (bios.length === 1 && keys.size === new Set(bios[0]).size)).toBe(true);
      }
    });
  });
});

/** `n` writes of one page each, of `n` distinct contents: one chunk per CHUNK_PAGES events. */
function* writes(n: number, pulled: { n: number }): Generator<Recorded<ZramEvent>> {
  for (let seq = 0; seq < n; seq++) {
    pulled.n++;
    const data = new Uint8Array(4096).fill(seq & 0xff);
    yield { seq, ts: seq as never, event: { type: 'BioQueued', bioId: seq, op: 'write', sector: 0 as never,
      bytes: 4096 as never, context: 'process', pages: [{ key: seq + 1, data }] } };
  }
}

test('the producer stays a window ahead of a reader that does not read, and stops when it is retired', async () => {
  const ch = new MessageChannel();
  const feed = new SharedFeed([ch.port1]);
  const pulled = { n: 0 };
  const run = feed.run(packChunks(writes(CHUNK_PAGES * (WINDOW + 20), pulled), 4096));
  await new Promise((res) => setTimeout(res, 300));
  // WINDOW chunks published, the next one packed and waiting for room
  expect(pulled.n).toBeLessThanOrEqual(CHUNK_PAGES * (WINDOW + 1) + 1);
  expect(pulled.n).toBeGreaterThanOrEqual(CHUNK_PAGES * WINDOW);
  feed.retire(0);
  await run;
  expect(pulled.n).toBeLessThan(CHUNK_PAGES * (WINDOW + 20));
  ch.port1.close(); ch.port2.close();
});

function jobs(labels: string[], input: ReplayInput): FoldJob[] {
  const configs = labels.map((l, i) => ({ ...parseCompareConfig(`alg=lz4,level=${i + 1}`), label: l }));
  const store = input.store!;
  const log = { path: input.logPath!, name: input.name, digest: input.digest, events: store.version, warnings: [],
    losses: null, header: store.header };
  const memo = memoBufferFor(4096 * 8, 4096, configs);
  return configs.map((config, index) => ({ index, config, kernelConfig: 'default', variant: 'claim', content: 'exact',
    every: 0, log, memo }));
}

const standin = () => workerStart(path.join(__dirname, 'feed-reader-standin.ts'));
const bundle = BUNDLES.includes('swap-steady') ? 'swap-steady' : BUNDLES[0];

test.each([[undefined, 1], [0, 2]])(`readers on worker threads read what the log holds (bundle ${bundle}); `
  + 'chunk cache budget %s: %s decodes for two rounds', async (cacheBytes, decodes) => {
  await withLog(bundle, async (input) => {
    const store = input.store!;
    const direct = digestEvents(store.readSync(0));
    let reads = 0;
    const log: PoolLog = { pageSize: 4096, read: () => { reads++; return store.readSync(0); } };
    const out = await runPool(jobs(['a', 'slow b', 'c'], input), log, { size: 2, start: standin(), cacheBytes });
    expect(out.map((o) => o.ok && o.report)).toEqual([direct, direct, direct]);
    expect(reads).toBe(decodes); // rounds [a, slow b] and [c]; the default budget keeps this log's chunks
  });
}, 60_000);

const CHANGED = 'x.zlog: the log changed while read';

test('an error part-way through the log fails every reader of the round with its message', async () => {
  await withLog(bundle, async (input) => {
    const store = input.store!;
    const log: PoolLog = { pageSize: 4096, *read() {
      let n = 0;
      for (const r of store.readSync(0)) {
        if (++n === 2000) throw new Error(CHANGED);
        yield r;
      }
    } };
    const out = await runPool(jobs(['a', 'b', 'c'], input), log, { size: 2, start: standin() });
    // the cache kept nothing of a read that failed: the second round reads (and fails) again
    expect(out).toEqual([0, 1, 2].map(() => ({ ok: false, badInput: false, message: CHANGED })));
  });
}, 60_000);
