// The issue-11 ingest rules on synthetic captured bundles: read-backs tied to their bios, the
// contents of writes the recorder did not issue (exact / inferred / unknown, with reasons and a
// stand-in that is never silent zeros), slot frees from swap-ins, releases and swapoff as
// SlotFreeNotified events (busy only where miss_free grew), the notify_free check and the
// write-zeroes inference from the stat and notify_free counters.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatePage } from '../../src/content';
import type { Recorded, ZramEvent } from '../../src/events/types';
import { contentProvenance } from '../../src/ingest/content-provenance';
import { readBundle } from '../../src/record/bundle-read';
import { wholePages } from '../../src/ingest/bio-timeline';
import { chooseZeroes } from '../../src/ingest/captured/write-zeroes';
import { PageStore } from '../../src/record/page-store';
import { PAGE_SIZE } from '../../src/units';
import { captureRead, disksize, filled, FixBio, FixBundle, FixSample, procStart, release, swapoff, T0, writeFixture } from './captured-fixture';

type Queued = Extract<ZramEvent, { type: 'BioQueued' }>;
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

async function load(f: FixBundle): Promise<{ events: Recorded<ZramEvent>[]; b: ReturnType<typeof readBundle> }> {
  const dir = writeFixture(f);
  dirs.push(dir);
  const b = readBundle(dir);
  const events: Recorded<ZramEvent>[] = [];
  for await (const r of b.events) events.push(r);
  return { events, b };
}

const queued = (ev: Recorded<ZramEvent>[]): Queued[] => ev.map((r) => r.event).filter((e): e is Queued => e.type === 'BioQueued');
const writesOf = (ev: Recorded<ZramEvent>[], sector: number): Queued[] =>
  queued(ev).filter((e) => (e.op === 'write' || e.op === 'write_zeroes') && e.sector === sector);
const frees = (ev: Recorded<ZramEvent>[]): { seq: number; index: number; busy: boolean }[] => ev.flatMap((r) =>
  (r.event.type === 'SlotFreeNotified' ? [{ seq: r.seq, index: r.event.index, busy: r.event.slotBusy }] : []));
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
const SAMPLES: FixSample[] = [{ at: 2, notifyFree: 0, writeIos: 0, label: 'start' }];
const KSWAPD = 100;
const RECORDER = 200;
const PROC = 300;

function store(...bytes: number[]): { s: PageStore; n: number[] } {
  const s = new PageStore();
  return { s, n: bytes.map((b) => s.add(filled(b))) };
}

describe('captured contents: the first read-back after the write', () => {
  test('a write read back with nothing in between is exact; one never read back is unknown with a text stand-in', async () => {
    const { s, n: [A] } = store(0xa1);
    const bios: FixBio[] = [
      { op: 'write', page: 3, pid: KSWAPD, q: 10, c: 11 },
      { op: 'read', page: 3, pid: RECORDER, q: 20, c: 21 },
      { op: 'write', page: 5, pid: KSWAPD, q: 30, c: 31 },
    ];
    const { events, b } = await load({ bios, store: s, samples: SAMPLES,
      ops: [disksize(1 << 20), captureRead(RECORDER, 3, 20, 21, [A])] });
    expect(same(writesOf(events, 24)[0].pages[0].data, filled(0xa1))).toBe(true);
    const stand = writesOf(events, 40)[0].pages[0].data;
    expect(same(stand, generatePage('text.english', 0, 5))).toBe(true);
    expect(stand.some((x) => x !== 0)).toBe(true);
    expect(b.input.contents).toEqual({ mode: 'captured', pages: { exact: 1, inferred: 0, unknown: 1 },
      reasons: { 'read-back': 1, 'not-read-back': 1 }, standIn: expect.stringContaining('text.english') });
    expect(b.header.contentSource).toBe('captured');
  });

  test('a read-back that failed leaves the page unknown (read-back-failed), with the text stand-in', async () => {
    const { s } = store(0xa1);
    const failed = { ...captureRead(RECORDER, 3, 20, 21, []), len: PAGE_SIZE, n: 0, errno: 'EIO' };
    const { events, b } = await load({ store: s, samples: SAMPLES, ops: [disksize(1 << 20), failed],
      bios: [{ op: 'write', page: 3, pid: KSWAPD, q: 10, c: 11 }, { op: 'read', page: 3, pid: RECORDER, q: 20, c: 21 }] });
    expect(b.damage).toBe('');
    expect(b.input.contents?.reasons).toEqual({ 'read-back-failed': 1 });
    expect(same(writesOf(events, 24)[0].pages[0].data, generatePage('text.english', 0, 3))).toBe(true);
  });

  test.each([['no read', []], ['a read of another pid only', [{ op: 'read', page: 3, pid: 999, q: 20, c: 21 }]]] as const)(
    'a read-back with no bio of its pid in the trace is damage (%s)', (_, extra) => {
      const { s, n: [A] } = store(0xa1);
      const dir = writeFixture({ bios: [{ op: 'write', page: 3, pid: KSWAPD, q: 10, c: 11 }, ...extra], store: s,
        samples: SAMPLES, ops: [disksize(1 << 20), captureRead(RECORDER, 3, 20, 21, [A])] });
      dirs.push(dir);
      expect(() => readBundle(dir)).toThrow(/1 read-backs of the recorder have no bio in the trace/);
      expect(readBundle(dir, { allowDamage: true }).input.contents?.reasons).toEqual({ 'not-read-back': 1 });
    });

  test('overwritten before the read-back: unknown when the read-back may have seen the later bytes, inferred when it saw others', async () => {
    const { s, n: [A, B] } = store(0xa1, 0xb2);
    // W1 then W2 on page 3; R1 starts after W1 but ends after W2 was queued; R2 after W2
    const bios: FixBio[] = [
      { op: 'write', page: 3, pid: KSWAPD, q: 10, c: 11 },
      { op: 'read', page: 3, pid: RECORDER, q: 12, c: 18 },
      { op: 'write', page: 3, pid: KSWAPD, q: 15, c: 16 },
      { op: 'read', page: 3, pid: RECORDER, q: 20, c: 21 },
    ];
    const ops = [disksize(1 << 20), captureRead(RECORDER, 3, 12, 18, [A]), captureRead(RECORDER, 3, 20, 21, [B])];
    const differs = await load({ bios, ops, store: s, samples: SAMPLES });
    expect(differs.b.input.contents?.reasons).toEqual({ 'read-back': 1, 'read-back-differs-from-overwrite': 1 });
    expect(writesOf(differs.events, 24).map((w) => w.pages[0].data[0])).toEqual([0xa1, 0xb2]);
    // R1 saw W2's bytes: W1's are unknown, replayed with what R1 saw
    const ops2 = [disksize(1 << 20), captureRead(RECORDER, 3, 12, 18, [B]), captureRead(RECORDER, 3, 20, 21, [B])];
    const clash = await load({ bios, ops: ops2, store: s, samples: SAMPLES });
    expect(clash.b.input.contents?.reasons).toEqual({ 'read-back': 1, 'overwritten-before-read-back': 1 });
  });

  test('a swap-in between the write and its read-back: non-zero bytes were read first (inferred), zeros are unknown', async () => {
    const { s, n: [A, Z] } = store(0xa1, 0);
    const bios = (): FixBio[] => [
      { op: 'write', page: 3, pid: KSWAPD, q: 10, c: 11 },
      { op: 'read', page: 3, pid: PROC, q: 12, c: 13 },
      { op: 'read', page: 3, pid: RECORDER, q: 14, c: 15 },
    ];
    const ops = (st: number): ReturnType<typeof disksize>[] =>
      [disksize(1 << 20), procStart(PROC, 5), captureRead(RECORDER, 3, 14, 15, [st])];
    const before = await load({ bios: bios(), ops: ops(A), store: s, samples: SAMPLES });
    expect(before.b.input.contents?.reasons).toEqual({ 'read-back-before-free': 1 });
    const after = await load({ bios: bios(), ops: ops(Z), store: s, samples: SAMPLES });
    expect(after.b.input.contents?.reasons).toEqual({ 'freed-before-read-back': 1 });
  });

  test('a release or a swapoff read between the write and its read-back is a race too', async () => {
    const { s, n: [Z] } = store(0);
    const base: FixBio[] = [{ op: 'write', page: 3, pid: KSWAPD, q: 10, c: 11 }, { op: 'read', page: 3, pid: RECORDER, q: 40, c: 41 }];
    const rel = await load({ bios: base, store: s, samples: SAMPLES,
      ops: [disksize(1 << 20), procStart(PROC, 5), release(PROC, 20, 30, [3]), captureRead(RECORDER, 3, 40, 41, [Z])] });
    expect(rel.b.input.contents?.reasons).toEqual({ 'freed-before-read-back': 1 });
    const off = await load({ bios: [...base, { op: 'read', page: 3, pid: 400, q: 25, c: 26 }], store: s, samples: SAMPLES,
      ops: [disksize(1 << 20), swapoff(400, 20, 30), captureRead(RECORDER, 3, 40, 41, [Z])] });
    expect(off.b.input.contents?.reasons).toEqual({ 'freed-before-read-back': 1 });
  });

  test("the recorder's own writes keep their recorded bytes", async () => {
    const { s, n: [A, C] } = store(0xa1, 0xc3);
    const own = { kind: 'io' as const, step: 1, thread: 0, pid: 500, op: 'write' as const, off: 8 * PAGE_SIZE, len: PAGE_SIZE,
      t0: String(T0 + 9n), t1: String(T0 + 12n), n: PAGE_SIZE, errno: null, pages: [C] };
    const { events, b } = await load({ store: s, samples: SAMPLES, bios: [{ op: 'write', page: 8, pid: 500, q: 10, c: 11 },
      { op: 'write', page: 3, pid: KSWAPD, q: 10, c: 11 }, { op: 'read', page: 3, pid: RECORDER, q: 20, c: 21 }],
    ops: [disksize(1 << 20), own, captureRead(RECORDER, 3, 20, 21, [A])] });
    expect(writesOf(events, 64)[0].pages[0].data[0]).toBe(0xc3);
    expect(b.input.contents?.reasons).toEqual({ recorded: 1, 'read-back': 1 });
  });
});

describe('slot frees', () => {
  test('each page of a swap-in read is freed right after its completion; the check agrees with notify_free', async () => {
    const { s, n: [A] } = store(0xa1);
    const { events, b } = await load({ store: s, ops: [disksize(1 << 20), procStart(PROC, 5), captureRead(RECORDER, 3, 20, 21, [A, A])],
      bios: [{ op: 'write', page: 3, pages: 2, pid: KSWAPD, q: 10, c: 11 }, { op: 'read', page: 3, pages: 2, pid: RECORDER, q: 20, c: 21 },
        { op: 'read', page: 3, pages: 2, pid: PROC, q: 30, c: 31 }, { op: 'read', page: 3, pid: 301, q: 40, c: 41 }],
      samples: [...SAMPLES, { at: 35, notifyFree: 2, writeIos: 1 }, { at: 50, notifyFree: 2, writeIos: 1 }] });
    const f = frees(events);
    expect(f.map((x) => [x.index, x.busy])).toEqual([[3, false], [4, false]]);
    const done = events.findIndex((r) => r.event.type === 'BioCompleted' && r.event.bioId === 2);
    expect(f.map((x) => x.seq)).toEqual([done + 1, done + 2]);
    expect(b.input.slotFrees).toEqual({ inferred: 2, fromSwapIn: 2, fromRelease: 0, fromSwapoff: 0, busy: 0,
      checks: { samples: 3, agree: 3 } });
  });

  test('a release frees its slots in order inside its window, each before its slot is written again', async () => {
    const { s, n: [A] } = store(0xa1);
    const { events, b } = await load({ store: s, samples: [...SAMPLES, { at: 50, notifyFree: 2, writeIos: 2 }],
      ops: [disksize(1 << 20), procStart(PROC, 5), release(PROC, 20, 32, [4, 3]), captureRead(RECORDER, 3, 40, 41, [A])],
      bios: [{ op: 'write', page: 3, pages: 2, pid: KSWAPD, q: 10, c: 11 }, { op: 'write', page: 3, pid: KSWAPD, q: 25, c: 26 },
        { op: 'read', page: 3, pid: RECORDER, q: 40, c: 41 }] });
    const f = frees(events);
    expect(f.map((x) => x.index)).toEqual([4, 3]); // 4 at +24; 3 (due at +28) moved before its rewrite at +25
    const ts = Object.fromEntries(f.map((x) => [x.index, events[x.seq].ts]));
    const rewrite = events.find((r) => r.event.type === 'BioQueued' && r.event.bioId === 1)!.ts;
    expect(ts[3]).toBeLessThan(rewrite);
    expect(b.input.slotFrees).toMatchObject({ inferred: 2, fromRelease: 2, checks: { samples: 2, agree: 2 } });
  });

  test('swapoff reads free what they read, only inside the swapoff window', async () => {
    const { s } = store(0xa1);
    const { b } = await load({ store: s, samples: [...SAMPLES, { at: 90, notifyFree: 1, writeIos: 1 }],
      ops: [disksize(1 << 20), swapoff(400, 20, 30)],
      bios: [{ op: 'write', page: 3, pid: KSWAPD, q: 10, c: 11 }, { op: 'read', page: 3, pid: 400, q: 25, c: 26 },
        { op: 'read', page: 3, pid: 400, q: 60, c: 61 }] });
    expect(b.input.slotFrees).toMatchObject({ inferred: 1, fromSwapoff: 1, checks: { agree: 2 } });
  });

  test('busy only where miss_free grew and a read-back held the slot', async () => {
    const { s, n: [A] } = store(0xa1);
    const fix = (missFree: number): FixBundle => ({ store: s,
      ops: [disksize(1 << 20), procStart(PROC, 5), captureRead(RECORDER, 3, 12, 16, [A, A])],
      bios: [{ op: 'write', page: 3, pages: 2, pid: KSWAPD, q: 10, c: 11 },
        { op: 'read', page: 3, pages: 2, pid: RECORDER, q: 12, c: 16 }, { op: 'read', page: 3, pid: PROC, q: 13, c: 14 }],
      samples: [...SAMPLES, { at: 50, notifyFree: 1, missFree, writeIos: 1 }] });
    const grew = await load(fix(1));
    expect(frees(grew.events).map((x) => x.busy)).toEqual([true]);
    expect(grew.b.input.slotFrees?.busy).toBe(1);
    const not = await load(fix(0));
    expect(frees(not.events).map((x) => x.busy)).toEqual([false]);
  });

  test('a disagreement with notify_free names the first sample', async () => {
    const { s } = store(0xa1);
    const { b } = await load({ store: s, ops: [disksize(1 << 20), procStart(PROC, 5)],
      bios: [{ op: 'write', page: 3, pid: KSWAPD, q: 10, c: 11 }, { op: 'read', page: 3, pid: PROC, q: 20, c: 21 }],
      samples: [...SAMPLES, { at: 15, notifyFree: 0, writeIos: 1 }, { at: 30, notifyFree: 3, writeIos: 1, label: 'end' }] });
    expect(b.input.slotFrees?.checks).toEqual({ samples: 3, agree: 2, first: { sample: 2, label: 'end', inferred: 1, kernel: 3 } });
  });
});

describe('write-zeroes inference', () => {
  const fix = (writeIos: number, notifyFree: number): FixBundle => {
    const { s, n: [Z] } = store(0);
    return { store: s, ops: [disksize(1 << 20), captureRead(RECORDER, 3, 20, 21, [Z, Z, Z, Z])],
      bios: [{ op: 'write', page: 3, pages: 4, pid: KSWAPD, q: 10, c: 11 }, { op: 'read', page: 3, pages: 4, pid: RECORDER, q: 20, c: 21 }],
      samples: [...SAMPLES, { at: 50, notifyFree, writeIos }] };
  };
  test('an all-zero read-back not counted in stat writes and adding notify_free per page is write-zeroes', async () => {
    const { events, b } = await load(fix(0, 4));
    expect(writesOf(events, 24).map((w) => [w.op, w.pages.length])).toEqual([['write_zeroes', 0]]);
    expect(b.input.writeZeroes).toEqual({ inferred: 1, candidates: 1, ambiguous: 0, unfit: 0 });
    expect(b.input.contents?.reasons).toEqual({ 'write-zeroes': 4 });
    expect(b.input.slotFrees?.checks).toEqual({ samples: 2, agree: 2 });
  });
  test('counted as a write by stat: a write of zero pages', async () => {
    const { events, b } = await load(fix(1, 0));
    expect(writesOf(events, 24).map((w) => [w.op, w.pages.length])).toEqual([['write', 4]]);
    expect(b.input.writeZeroes).toEqual({ inferred: 0, candidates: 1, ambiguous: 0, unfit: 0 });
    expect(b.input.contents?.reasons).toEqual({ 'read-back': 4 });
  });
});

describe('contentProvenance (the recorder fills manifest contents.provenance with it)', () => {
  test('counts the pages as replay does, from a directory without manifest.json and without page bytes', async () => {
    const { s, n: [A, B] } = store(0xa1, 0xb2);
    const fix: FixBundle = { store: s, samples: SAMPLES, ops: [disksize(1 << 20), captureRead(RECORDER, 3, 12, 18, [B]),
      captureRead(RECORDER, 3, 20, 21, [B]), captureRead(RECORDER, 9, 30, 31, [A])],
    bios: [{ op: 'write', page: 3, pid: KSWAPD, q: 10, c: 11 }, { op: 'read', page: 3, pid: RECORDER, q: 12, c: 18 },
      { op: 'write', page: 3, pid: KSWAPD, q: 15, c: 16 }, { op: 'read', page: 3, pid: RECORDER, q: 20, c: 21 },
      { op: 'write', page: 9, pid: KSWAPD, q: 25, c: 26 }, { op: 'read', page: 9, pid: RECORDER, q: 30, c: 31 },
      { op: 'write', page: 12, pid: KSWAPD, q: 40, c: 41 }] };
    const { b } = await load(fix);
    const dir = writeFixture(fix);
    dirs.push(dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    fs.rmSync(path.join(dir, 'manifest.json'));
    fs.rmSync(path.join(dir, 'pages.bin.gz'));
    expect(contentProvenance(dir, manifest)).toEqual({ exact: 2, inferred: 0, unknown: 2 });
    expect(contentProvenance(dir, manifest)).toEqual(b.input.contents?.pages);
  });
});

describe('Q/C pairing by pid (zram completes a bio in the task that submitted it)', () => {
  test('a read-back and a swap-in of the same page in flight together keep their own completions', async () => {
    const { s, n: [A] } = store(0xa1);
    const { events, b } = await load({ store: s,
      ops: [disksize(1 << 20), procStart(PROC, 5), captureRead(RECORDER, 3, 12, 16, [A])],
      bios: [{ op: 'write', page: 3, pid: KSWAPD, q: 10, c: 11 }, { op: 'read', page: 3, pid: RECORDER, q: 12, c: 16 },
        { op: 'read', page: 3, pid: PROC, q: 13, c: 14 }],
      samples: [...SAMPLES, { at: 50, notifyFree: 1, missFree: 1, writeIos: 1 }] });
    const done = (id: number): number => events.findIndex((r) => r.event.type === 'BioCompleted' && r.event.bioId === id);
    expect(events[done(2)].ts).toBeLessThan(events[done(1)].ts); // the swap-in (bio 2) completed first
    expect(frees(events).map((x) => [x.seq, x.busy])).toEqual([[done(2) + 1, true]]);
    expect(b.input.slotFrees?.checks).toEqual({ samples: 2, agree: 2 });
  });
});

describe('write-zeroes inference where the zeroed range is written into before its read-back (mkfs)', () => {
  test('pages overwritten before the read-back are no evidence against: the counters decide', async () => {
    const { s, n: [Z, S] } = store(0, 0x5b);
    // a 4-page zero-out at pages 3-6, page 4 rewritten (superblock) before the read-back of 3-6
    const { events, b } = await load({ store: s,
      ops: [disksize(1 << 20), captureRead(RECORDER, 3, 20, 21, [Z, S, Z, Z])],
      bios: [{ op: 'write', page: 3, pages: 4, pid: KSWAPD, q: 10, c: 11 }, { op: 'write', page: 4, pid: KSWAPD, q: 12, c: 13 },
        { op: 'read', page: 3, pages: 4, pid: RECORDER, q: 20, c: 21 }],
      samples: [...SAMPLES, { at: 50, notifyFree: 4, writeIos: 1 }] });
    expect(writesOf(events, 24).concat(writesOf(events, 32)).map((e) => [e.op, e.sector, e.pages.length]))
      .toEqual([['write_zeroes', 24, 0], ['write', 32, 1]]);
    expect(b.input.contents?.reasons).toEqual({ 'read-back': 1, 'write-zeroes': 4 });
    expect(b.input.writeZeroes).toMatchObject({ inferred: 1 });
    expect(b.input.slotFrees?.checks).toEqual({ samples: 2, agree: 2 });
  });
  test('a page known to hold other bytes rules a write out', async () => {
    const { s, n: [Z, S] } = store(0, 0x5b);
    const { b } = await load({ store: s, ops: [disksize(1 << 20), captureRead(RECORDER, 3, 20, 21, [Z, S])],
      bios: [{ op: 'write', page: 3, pages: 2, pid: KSWAPD, q: 10, c: 11 }, { op: 'read', page: 3, pages: 2, pid: RECORDER, q: 20, c: 21 }],
      samples: [...SAMPLES, { at: 50, notifyFree: 2, writeIos: 0 }] });
    expect(b.input.writeZeroes).toEqual({ inferred: 0, candidates: 0, ambiguous: 0, unfit: 1 });
    expect(b.input.slotFrees?.checks.first).toMatchObject({ sample: 1, inferred: 0, kernel: 2 });
  });
});

describe('swapoff with its pid unknown (-1)', () => {
  test('the reads inside its window that are neither a process\'s nor read-backs are its reads', async () => {
    const { s } = store(0xa1);
    const { b } = await load({ store: s, samples: [...SAMPLES, { at: 90, notifyFree: 2, writeIos: 2 }],
      ops: [disksize(1 << 20), procStart(PROC, 5), swapoff(-1, 20, 30)],
      bios: [{ op: 'write', page: 3, pages: 2, pid: KSWAPD, q: 10, c: 11 }, { op: 'read', page: 3, pid: 4321, q: 22, c: 23 },
        { op: 'read', page: 4, pid: PROC, q: 24, c: 25 }, { op: 'read', page: 3, pid: 4321, q: 60, c: 61 }] });
    expect(b.input.slotFrees).toMatchObject({ inferred: 2, fromSwapoff: 1, fromSwapIn: 1, checks: { agree: 2 } });
  });
});

describe('helpers', () => {
  test('chooseZeroes: the earliest fitting choice, whether another fits, none when none does', () => {
    expect(chooseZeroes([16, 512, 1, 1], 3, 514)).toEqual({ pick: [1, 2, 3], unique: true });
    expect(chooseZeroes([16, 1, 1, 1], 2, 17)).toEqual({ pick: [0, 1], unique: false });
    expect(chooseZeroes([16, 1], 2, 18)).toBeNull();
    expect(chooseZeroes([4, 4], 0, 0)).toEqual({ pick: [], unique: true });
  });
  test('wholePages: a partial head page and a short tail are not freed (zram-6.18.md §4.5)', () => {
    expect(wholePages(8, 8192)).toEqual({ first: 1, count: 2 });
    expect(wholePages(9, 8192)).toEqual({ first: 2, count: 1 });
    expect(wholePages(9, 3584)).toEqual({ first: 1, count: 0 });
    expect(wholePages(0, 6144)).toEqual({ first: 0, count: 1 });
  });
});
