// Trace -> events: every committed zram trace ingests with every Q paired to its C; operations,
// content sources (exact, synthetic, image), content keys, and the anomalies reported as stats.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MergedRecord } from '../../src/blktrace/merge';
import { readMerged } from '../../src/blktrace/read';
import { BlkRecord } from '../../src/blktrace/record';
import type { ZramEvent } from '../../src/events/types';
import { exactContent, ingestTrace, syntheticContent, zeroContent } from '../../src/ingest';
import { imageContent } from '../../src/ingest/image-source';
import { PAGE_SIZE } from '../../src/units';

const TRACES = path.join(__dirname, '..', '..', 'traces');
const zram = fs.readdirSync(TRACES).filter((n) => n.startsWith('zram-')).sort();
const load = (n: string): MergedRecord[] => readMerged(path.join(TRACES, n, n)).merged;
type Queued = Extract<ZramEvent, { type: 'BioQueued' }>;
const queued = (evs: { event: ZramEvent }[]): Queued[] => evs.map((e) => e.event).filter((e): e is Queued => e.type === 'BioQueued');

describe('ingest', () => {
  it('has zram traces to ingest', () => expect(zram.length).toBeGreaterThanOrEqual(3));

  it.each(zram)('%s: ingests without errors and pairs every Q with its C', (n) => {
    const recs = load(n);
    const { events, stats } = ingestTrace(recs, { content: zeroContent });
    const nq = recs.filter((m) => (m.rec.action & 0xffff) === 1).length;
    expect(stats).toMatchObject({ queued: nq, completed: nq, paired: nq, unpairedQ: [], unpairedC: 0, otherActions: 0 });
    expect(stats.unaligned.count).toBe(0);
    const done = new Set<number>();
    for (const e of events) {
      if (e.event.type === 'BioCompleted') {
        expect(done.has(e.event.bioId)).toBe(false);
        done.add(e.event.bioId);
      }
    }
    expect(done.size).toBe(nq);
    events.forEach((e, i) => expect(e.seq).toBe(i));
    for (let i = 1; i < events.length; i++) expect(events[i].ts).toBeGreaterThanOrEqual(events[i - 1].ts);
  });

  it('maps categories to operations: discards, writes with one page per 4 KiB, reads', () => {
    const { events } = ingestTrace(load('zram-discard'), { content: zeroContent });
    const q = queued(events);
    const ops = new Set(q.map((e) => e.op));
    expect([...ops].sort()).toEqual(['discard', 'read', 'write']);
    for (const e of q) expect(e.pages.length).toBe(e.op === 'write' ? e.bytes / PAGE_SIZE : 0);
  });

  it('exact contents reach the pages, and equal contents share one key', () => {
    const fill = (bioId: number, i: number): Uint8Array => new Uint8Array(PAGE_SIZE).fill((bioId + i) % 3);
    const r = ingestTrace(load('zram-seqwrite'), { content: exactContent((b, i) => fill(b.bioId, i)) });
    const pages = queued(r.events).flatMap((e) => e.pages);
    expect(r.stats.distinctPages).toBe(3);
    for (const p of pages) expect(p.data.every((x) => x === p.data[0])).toBe(true);
    const byKey = new Map(pages.map((p) => [p.key, p.data[0]]));
    for (const p of pages) expect(byKey.get(p.key)).toBe(p.data[0]);
    expect(r.contentSource).toBe('exact');
  });

  it('synthetic contents are seeded: same seed same log, other seed other pages', () => {
    const recs = load('zram-randrw-2cpu');
    const a = ingestTrace(recs, { content: syntheticContent('text:1,random:1', 7) });
    const b = ingestTrace(recs, { content: syntheticContent('text:1,random:1', 7) });
    const c = ingestTrace(recs, { content: syntheticContent('text:1,random:1', 8) });
    const bytes = (r: typeof a): string => Buffer.concat(queued(r.events).flatMap((e) => e.pages.map((p) => p.data))).toString('hex');
    expect(bytes(a)).toBe(bytes(b));
    expect(bytes(a)).not.toBe(bytes(c));
    expect(a.contentSource).toMatch(/^synthetic:seed=7;text:1,random:1$/);
  });

  it('image contents are read at the bio offset', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zr-img-'));
    const img = path.join(tmp, 'img');
    const buf = Buffer.alloc(4 << 20);
    for (let i = 0; i < buf.length; i += PAGE_SIZE) buf.writeUInt32LE(i / PAGE_SIZE, i);
    fs.writeFileSync(img, buf);
    const src = imageContent(img);
    try {
      const r = ingestTrace(load('zram-seqwrite'), { content: src });
      for (const e of queued(r.events)) {
        e.pages.forEach((p, i) => expect(Buffer.from(p.data).readUInt32LE(0)).toBe(e.sector / 8 + i));
      }
      expect(r.contentSource).toBe(`image:${img}`);
    } finally {
      src.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('reports unaligned bios, unpaired and out-of-order completions instead of dropping them', () => {
    const base = load('zram-randrw-2cpu').slice(0, 8);
    const shift = (m: MergedRecord, d: Partial<BlkRecord>): MergedRecord => ({ ...m, rec: { ...m.rec, ...d } });
    const q0 = base.find((m) => (m.rec.action & 0xffff) === 1)!;
    const c0 = base.find((m) => (m.rec.action & 0xffff) === 8 && m.rec.sector === q0.rec.sector)!;
    const recs = [
      shift(q0, { sector: 3n, bytes: 1024 }), shift(c0, { sector: 3n, bytes: 1024 }), // unaligned
      shift(c0, { sector: 1000n }), shift(q0, { sector: 1000n }),                     // C before Q
      shift(c0, { sector: 5000n }),                                                  // C without Q
      shift(q0, { sector: 6000n }),                                                  // Q without C
    ];
    const { events, stats } = ingestTrace(recs, { content: zeroContent });
    expect(stats.unaligned).toEqual({ count: 1, examples: [{ bioId: 0, sector: 3, bytes: 1024 }] });
    expect(stats).toMatchObject({ outOfOrder: 1, unpairedC: 1, unpairedQ: [2], paired: 2 });
    expect(events.map((e) => e.event.type)).toEqual(['BioQueued', 'BioCompleted', 'BioQueued', 'BioCompleted', 'BioQueued']);
  });

  it('refuses to guess between several devices, and ingests the one asked for', () => {
    const recs = load('zram-seqwrite');
    const two = [...recs, ...recs.map((m) => ({ ...m, rec: { ...m.rec, device: m.rec.device + 1 } }))];
    expect(() => ingestTrace(two, { content: zeroContent })).toThrow(/several devices/);
    const r = ingestTrace(two, { content: zeroContent, device: recs[0].rec.device });
    expect(r.stats.otherDevices).toBe(recs.length);
    expect(r.stats.paired).toBe(recs.length / 2);
  });
});
