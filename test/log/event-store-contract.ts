// The EventStore contract (DESIGN.md decision 8), one suite run against every implementation
// (emmett's testAggregateStream idea). A new backend passes this before it is used.
import { EventCodecError } from '../../src/events/codec';
import { ContentStore } from '../../src/events/content-store';
import type { PagePayload, Recorded, ZramEvent } from '../../src/events/types';
import { LogAppendError, WrongExpectedVersionError } from '../../src/log/errors';
import type { EventStore, NewEvent } from '../../src/log/event-store';
import { MAX_RECORD_BYTES } from '../../src/log/frame';
import { bytes, nanos, sector } from '../../src/units';
import { pageFrom } from '../events/arbitraries';
import { HEADER, smallEvents } from './helpers';

export type StoreFactory = () => Promise<EventStore>;

async function readAll(store: EventStore, from?: number): Promise<Recorded<ZramEvent>[]> {
  const out: Recorded<ZramEvent>[] = [];
  for await (const e of store.read(from)) out.push(e);
  return out;
}

const write = (bioId: number, pages: PagePayload[]): NewEvent => ({
  ts: nanos(bioId),
  event: { type: 'BioQueued', bioId, op: 'write', sector: sector(0), bytes: bytes(4096 * pages.length), context: 'process', pages },
});
const unseq = (evs: Recorded<ZramEvent>[]): NewEvent[] => evs.map(({ ts, event }) => ({ ts, event }));

export function testEventStore(name: string, factory: StoreFactory): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => store.close());

    test('starts empty at version 0 with its header', async () => {
      expect(store.version).toBe(0);
      expect(store.header).toEqual(HEADER);
      expect(await readAll(store)).toEqual([]);
    });

    test('append returns the new version; read gives the events back with seq = position', async () => {
      const evs = smallEvents();
      expect(await store.append(evs.slice(0, 4), 0)).toBe(4);
      expect(await store.append(unseq(evs.slice(4)), 4)).toBe(10);
      expect(store.version).toBe(10);
      expect(await readAll(store)).toEqual(evs);
      expect(await readAll(store, 7)).toEqual(evs.slice(7));
      expect(await readAll(store, 10)).toEqual([]);
    });

    test('a wrong expectedVersion fails clearly and appends nothing', async () => {
      await store.append(smallEvents().slice(0, 2), 0);
      const next = unseq(smallEvents().slice(2, 3));
      await expect(store.append(next, 1)).rejects.toThrow(WrongExpectedVersionError);
      await expect(store.append(next, 3)).rejects.toThrow('append expected the stream at version 3, but it is at version 2');
      expect(store.version).toBe(2);
      expect(await readAll(store)).toHaveLength(2);
    });

    test('a seq that is not the position is refused', async () => {
      await expect(store.append([{ seq: 5, ts: nanos(0), event: { type: 'ResetCompleted' } }], 0)).rejects.toThrow(LogAppendError);
      expect(store.version).toBe(0);
    });

    test('pages: same key and bytes resolve to equal bytes; caller buffers may change afterwards', async () => {
      const cs = new ContentStore();
      const buf = pageFrom(4);
      const a = cs.payload(buf);
      const mutable = { key: a.key, data: new Uint8Array(a.data) };
      await store.append([write(1, [mutable]), write(2, [a, a])], 0);
      mutable.data.fill(0);
      const got = await readAll(store);
      const pagesOf = (e: Recorded<ZramEvent>) => (e.event.type === 'BioQueued' ? e.event.pages : []);
      expect(pagesOf(got[0]!).map((p) => Buffer.from(p.data).equals(Buffer.from(buf)))).toEqual([true]);
      expect(pagesOf(got[1]!).map((p) => p.key)).toEqual([a.key, a.key]);
      expect(Buffer.from(pagesOf(got[1]!)[1]!.data).equals(Buffer.from(buf))).toBe(true);
    });

    test('a batch with one key naming other bytes is refused whole', async () => {
      await store.append([write(1, [{ key: 0, data: pageFrom(1) }])], 0);
      const bad = [write(2, [{ key: 1, data: pageFrom(2) }]), write(3, [{ key: 0, data: pageFrom(3) }])];
      await expect(store.append(bad, 1)).rejects.toThrow(/page key 0 already names different content/);
      expect(store.version).toBe(1);
      // key 1 of the refused batch was not kept: it may now name other bytes.
      await store.append([write(2, [{ key: 1, data: pageFrom(9) }])], 1);
      const last = (await readAll(store, 1))[0]!;
      expect(last.event.type === 'BioQueued' && Buffer.from(last.event.pages[0]!.data).equals(Buffer.from(pageFrom(9)))).toBe(true);
    });

    test('an event the schema cannot carry is refused and nothing of the batch is kept', async () => {
      const bad: NewEvent[] = [{ ts: nanos(0), event: { type: 'DeviceOpened', fd: 3 } }, { ts: nanos(1), event: { type: 'DeviceOpened', fd: 1.5 } }];
      await expect(store.append(bad, 0)).rejects.toThrow(EventCodecError);
      expect(store.version).toBe(0);
      expect(await readAll(store)).toEqual([]);
    });

    test('an event too large for one record is refused and nothing of the batch is kept', async () => {
      const huge = 'x'.repeat(MAX_RECORD_BYTES);
      const bad: NewEvent[] = [
        { ts: nanos(0), event: { type: 'DeviceOpened', fd: 3 } },
        { ts: nanos(1), event: { type: 'KernelStatSampled', mmStat: huge, ioStat: '', debugStat: '', stat: '' } },
      ];
      await expect(store.append(bad, 0)).rejects.toThrow(/append of event seq 1: a record of \d+ bytes exceeds MAX_RECORD_BYTES/);
      expect(store.version).toBe(0);
      await store.append(bad.slice(0, 1), 0);
      expect((await readAll(store)).map((e) => e.event.type)).toEqual(['DeviceOpened']);
    });

    test('a read sees the events stored when it was called, not later appends', async () => {
      const evs = smallEvents();
      await store.append(evs.slice(0, 5), 0);
      const seen: number[] = [];
      for await (const e of store.read(0)) {
        seen.push(e.seq);
        if (e.seq === 1) await store.append(evs.slice(5), 5);
      }
      expect(seen).toEqual([0, 1, 2, 3, 4]);
      expect((await readAll(store)).map((e) => e.seq)).toEqual([...Array(10).keys()]);
    });
  });
}
