import * as path from 'node:path';
import { LogAppendError } from '../../src/log/errors';
import { FileEventStore } from '../../src/log/file-event-store';
import { InMemoryEventStore } from '../../src/log/memory-event-store';
import { bytes, nanos, sector } from '../../src/units';
import { pageFrom } from '../events/arbitraries';
import { testEventStore } from './event-store-contract';
import { HEADER, smallEvents, tmpDir } from './helpers';

const dir = tmpDir();
let n = 0;

testEventStore('in-memory', async () => new InMemoryEventStore(HEADER));
testEventStore('file', async () => FileEventStore.create(path.join(dir, `store-${n++}.log`), HEADER, { fsync: 'never' }));

describe('FileEventStore across reopen', () => {
  test('open continues at the stored version and keeps page keys to their bytes', async () => {
    const p = path.join(dir, 'reopen.log');
    const s1 = FileEventStore.create(p, HEADER, { fsync: 'close' });
    await s1.append(smallEvents().slice(0, 6), 0);
    await s1.close();
    const s2 = FileEventStore.open(p);
    expect(s2.version).toBe(6);
    expect(s2.header).toEqual(HEADER);
    const conflicting = { ts: nanos(0), event: { type: 'BioQueued' as const, bioId: 9, op: 'write' as const, sector: sector(0), bytes: bytes(4096), context: 'process' as const, pages: [{ key: 0, data: pageFrom(99) }] } };
    await expect(s2.append([conflicting], 6)).rejects.toThrow(LogAppendError);
    await s2.append(smallEvents().slice(6), 6);
    const all = [];
    for await (const e of s2.read()) all.push(e);
    expect(all).toEqual(smallEvents());
    await s2.close();
  });
});
