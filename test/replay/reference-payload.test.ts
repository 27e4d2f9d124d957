// A model replay of a log keeps content keys, not page bytes (payload 'reference'): reads come
// back from the log. Its outputs must be byte for byte those of --round-trip (compressed bytes
// kept, decompressed on every read, as the kernel does), on logs made to stress it: many bios in
// flight (more pages queued than the decoder's ring of recent pages holds), a content key written
// again much later, huge and same-filled pages, discards, multi-page reads, reads of empty slots,
// a reset in the middle, and mem_limit failures.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { kernelDeps } from '../../src/device/deps';
import { fileDigest } from '../../src/ingest/input-digest';
import type { BioOp, PagePayload, Recorded, ZramEvent } from '../../src/events/types';
import { ModelImplementation } from '../../src/replay/model-implementation';
import { stateDigest } from '../../src/device/observe';
import { replaySession } from '../../src/replay/session';
import { bytes, nanos, sector } from '../../src/units';
import { writeLog } from './log-file';

const SEED = Number(process.env.FC_SEED ?? 20261204);

/** A page of kind k: 0 same-filled, 1 incompressible (huge), 2 compressible. */
function pageOf(key: number, kind: number): Uint8Array {
  const p = new Uint8Array(4096);
  if (kind === 0) return p.fill(key & 0xff);
  let x = (key * 2654435761) >>> 0;
  for (let i = 0; i < p.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    p[i] = kind === 1 ? x >>> 24 : (i >> 5) ^ (x >>> 29);
  }
  return p;
}

type Step =
  | { op: 'write'; page: number; n: number; content: number }
  | { op: 'read' | 'discard'; page: number; n: number }
  | { op: 'flushInflight' } | { op: 'reset' } | { op: 'idle' };

/** Events for `steps`: writes are queued and completed only at flushInflight (or the end), so
 * many bios are in flight at once; content keys repeat (the same key, the same bytes). */
function eventsOf(steps: readonly Step[], disksizePages: number, memLimit: string): Recorded<ZramEvent>[] {
  const out: Recorded<ZramEvent>[] = [];
  const put = (event: ZramEvent): void => { out.push({ seq: out.length, ts: nanos(out.length * 1000), event }); };
  const setup = (): void => {
    put({ type: 'AttrStored', attr: 'comp_algorithm', value: 'lz4\n' });
    if (memLimit) put({ type: 'AttrStored', attr: 'mem_limit', value: `${memLimit}\n` });
    put({ type: 'AttrStored', attr: 'disksize', value: `${disksizePages * 4096}\n` });
  };
  setup();
  let bioId = 1;
  let inflight: number[] = [];
  const complete = (): void => { for (const id of inflight) put({ type: 'BioCompleted', bioId: id }); inflight = []; };
  const bio = (op: BioOp, page: number, n: number, pages: PagePayload[]): number => {
    const id = bioId++;
    put({ type: 'BioQueued', bioId: id, op, sector: sector(page * 8), bytes: bytes(n * 4096), context: 'process', pages });
    return id;
  };
  for (const s of steps) {
    if (s.op === 'flushInflight') { complete(); continue; }
    if (s.op === 'idle') { put({ type: 'AttrStored', attr: 'idle', value: 'all\n' }); continue; }
    if (s.op === 'reset') {
      complete();
      put({ type: 'ResetRequested', value: '1\n', context: 'process' });
      put({ type: 'ResetCompleted' });
      setup();
      continue;
    }
    const n = Math.min(s.n, disksizePages - s.page);
    if (n <= 0) continue;
    if (s.op === 'write') {
      const pages = Array.from({ length: n }, (_, i) => {
        const key = 1 + ((s.content + i) % 700); // keys repeat: 700 contents over the whole log
        return { key, data: pageOf(key, key % 3) };
      });
      inflight.push(bio('write', s.page, n, pages));
    } else {
      put({ type: 'BioCompleted', bioId: bio(s.op, s.page, n, []) });
    }
  }
  complete();
  return out;
}

async function replayFile(log: string, out: string, roundTrip: boolean): Promise<{ text: string; payload: string }> {
  const { impl } = await replaySession({
    input: log, out, knobs: {}, variant: 'claim', content: 'exact', every: 7, roundTrip,
    target: async () => new ModelImplementation('claim', kernelDeps),
  });
  const payload = impl instanceof ModelImplementation ? impl.deviceState.deps.payload ?? 'compressed' : 'none';
  return { text: fs.readFileSync(out, 'utf8'), payload };
}

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('write' as const), page: fc.nat(511), n: fc.integer({ min: 1, max: 64 }),
    content: fc.nat(699) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('read' as const, 'discard' as const), page: fc.nat(511),
    n: fc.integer({ min: 1, max: 32 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'flushInflight' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'reset' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'idle' as const }) },
);

describe(`replay keeps content keys: outputs equal --round-trip's (seed ${SEED})`, () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-payload-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a hand-made log: 600 pages queued before any completes, then read back', async () => {
    const steps: Step[] = [];
    for (let p = 0; p < 600; p += 20) steps.push({ op: 'write', page: p, n: 20, content: p });
    steps.push({ op: 'flushInflight' });
    for (let p = 0; p < 600; p += 50) steps.push({ op: 'read', page: p, n: 50 });
    const log = path.join(dir, 'inflight.zlog');
    writeLog(log, eventsOf(steps, 1024, ''));
    const ref = await replayFile(log, path.join(dir, 'ref.jsonl'), false);
    const rt = await replayFile(log, path.join(dir, 'rt.jsonl'), true);
    expect(ref.payload).toBe('reference');
    expect(rt.payload).toBe('compressed');
    expect(ref.text.split('\n').filter((l) => l.includes('"op":"read"') && l.includes('"status":"ok"')).length).toBe(12);
    expect(ref.text).toBe(rt.text);
  });

  test('the compiled CLI with a compress-ahead worker (lengths and read digests from it): the same bytes', () => {
    const bin = path.join(__dirname, '../../bin/zram-ref');
    expect(fs.existsSync(path.join(__dirname, '../../dist/src/replay/compress-ahead.js'))).toBe(true); // npm run build
    // 12,000 distinct pages in 1-page bios (the worker gets ahead of a fold this long), read back
    // one page at a time and, every tenth, four at a time
    const N = 12_000;
    const ev: Recorded<ZramEvent>[] = [];
    const put = (event: ZramEvent): void => { ev.push({ seq: ev.length, ts: nanos(ev.length), event }); };
    put({ type: 'AttrStored', attr: 'disksize', value: `${N * 4096}\n` });
    let bioId = 1;
    for (let p = 0; p < N; p++) {
      put({ type: 'BioQueued', bioId, op: 'write', sector: sector(p * 8), bytes: bytes(4096), context: 'process',
        pages: [{ key: p + 1, data: pageOf(p + 1, (p % 7) % 3) }] });
      put({ type: 'BioCompleted', bioId: bioId++ });
    }
    for (let p = 0; p < N; p += 3) {
      const n = p % 30 === 0 && p + 4 <= N ? 4 : 1;
      put({ type: 'BioQueued', bioId, op: 'read', sector: sector(p * 8), bytes: bytes(n * 4096), context: 'process', pages: [] });
      put({ type: 'BioCompleted', bioId: bioId++ });
    }
    const log = path.join(dir, 'cli.zlog');
    writeLog(log, ev);
    const run = (extra: string[], out: string, alg = ['--algorithm', 'lz4']): string => {
      const r = spawnSync(process.execPath, [bin, 'replay', log, ...alg, '-o', out, ...extra], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      return fs.readFileSync(out, 'utf8');
    };
    const keys = run([], path.join(dir, 'cli-ref.jsonl'));
    expect(keys).toBe(run(['--round-trip'], path.join(dir, 'cli-rt.jsonl')));
    // --jobs: the fold alone, or with two workers (each taking the keys of its lane): the same bytes
    expect(run(['--jobs', '1'], path.join(dir, 'cli-j1.jsonl'))).toBe(keys);
    expect(run(['--jobs', '3'], path.join(dir, 'cli-j3.jsonl'))).toBe(keys);
    // no --algorithm: workers take the recorded one (the kernel default here); the header differs
    // in its options only
    const body = (t: string): string => t.slice(t.indexOf('\n'));
    const recorded = run([], path.join(dir, 'cli-rec.jsonl'), []);
    expect(body(recorded)).toBe(body(run(['--jobs', '1'], path.join(dir, 'cli-rec1.jsonl'), [])));
    expect(body(recorded)).toBe(body(run([], path.join(dir, 'cli-lzo.jsonl'), ['--algorithm', 'lzo-rle'])));
    const zero = spawnSync(process.execPath, [bin, 'replay', log, '--jobs', '0'], { encoding: 'utf8' });
    expect({ status: zero.status, stderr: zero.stderr })
      .toEqual({ status: 2, stderr: "zram-ref replay: --jobs '0': expected a whole number from 1 to 256\n" });
    expect(keys.split('\n').filter((l) => l.includes('"op":"read"') && /"digest":"[0-9a-f]{16}"/.test(l)).length).toBe(N / 3);
    // the worker hashed the log as it read it
    expect(JSON.parse(keys.split('\n')[0]).header.inputDigest).toBe(fileDigest(log));
    // the worker reads without checking CRCs (a damaged log ends its compression early, not its
    // digest): the fold's own read finds the damage, wherever it is
    const clean = fs.readFileSync(log);
    for (const at of [0.05, 0.5, 0.97].map((f) => Math.floor(clean.length * f))) {
      const bad = Buffer.from(clean);
      bad[at] ^= 0x10;
      const damaged = path.join(dir, `damaged-${at}.zlog`), out = path.join(dir, `damaged-${at}.jsonl`);
      fs.writeFileSync(damaged, bad);
      const r = spawnSync(process.execPath, [bin, 'replay', damaged, '--algorithm', 'lz4', '-o', out], { encoding: 'utf8' });
      expect({ at, status: r.status, out: fs.existsSync(out) }).toEqual({ at, status: 2, out: false });
      expect(r.stderr).toMatch(/not a zram-ref event log/);
    }
  });

  test('random logs, with mem_limit failures in some', async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 60 }), fc.constantFrom('', '200K', '1M'),
      async (steps, memLimit) => {
        const log = path.join(dir, `r${run++}.zlog`);
        writeLog(log, eventsOf(steps, 512, memLimit));
        const ref = await replayFile(log, `${log}.ref.jsonl`, false);
        const rt = await replayFile(log, `${log}.rt.jsonl`, true);
        expect(ref.payload).toBe('reference');
        expect(ref.text).toBe(rt.text);
      }), { seed: SEED, numRuns: 25 });
  }, 120_000);
});

describe(`a checkpoint digest reused across reads is the state's digest (seed ${SEED})`, () => {
  test('after every event of random logs (reads after idle marking change flags)', () => {
    fc.assert(fc.property(fc.array(step, { minLength: 5, maxLength: 60 }), (steps) => {
      const impl = new ModelImplementation('claim', kernelDeps);
      let reused = 0;
      for (const r of eventsOf(steps, 512, '')) {
        impl.apply(r);
        const before = impl.observe().digest;
        expect(before).toBe(stateDigest(impl.deviceState));
        if (impl.observe().digest === before) reused++;
      }
      expect(reused).toBeGreaterThan(0);
    }), { seed: SEED, numRuns: 40 });
  });
});
