// A file's writer keeps only its most recent page contents in memory and reads older ones back
// from its file when their key comes again: the key check stays exact (same bytes accepted,
// other bytes refused), whether the page is buffered, written, or in a log opened to append.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PagePayload } from '../../src/events/types';
import { BufferedFile } from '../../src/log/buffered-file';
import { PageTable } from '../../src/log/page-table';
import { LogReader } from '../../src/log/reader';
import { LogWriter } from '../../src/log/writer';
import { bytes, nanos, sector } from '../../src/units';
import { pageFrom } from '../events/arbitraries';
import { frames, HEADER, tmpDir } from './helpers';

const dir = tmpDir();
let bio = 0;
const write = (pages: PagePayload[]) => ({
  ts: nanos(0), event: { type: 'BioQueued' as const, bioId: ++bio, op: 'write' as const, sector: sector(0),
    bytes: bytes(4096 * pages.length), context: 'process' as const, pages },
});
const page = (key: number, seed = key): PagePayload => ({ key, data: pageFrom(seed) });

describe('PageTable with a bound', () => {
  test('holds at most `retain` contents; an older key is read back once, then held again', () => {
    const reads: number[] = [];
    const file = new Set<number>(); // the keys "written": the writer's file
    const older = { has: (k: number) => file.has(k), read: (k: number) => { reads.push(k); return pageFrom(k); } };
    const t = new PageTable(4096, older, 3);
    for (let k = 0; k < 10; k++) { const b = t.batch(); b.admit(page(k)); file.add(k); b.commit(); }
    expect(t.size).toBe(3);
    const b = t.batch();
    expect(b.admit(page(2))).toEqual({ data: pageFrom(2), isNew: false });
    expect(() => b.admit(page(4, 99))).toThrow(/page key 4 already names different content/);
    expect(b.admit(page(2)).isNew).toBe(false);
    expect(reads).toEqual([2, 4]); // key 2 was held again after its read
    expect(t.size).toBe(3);
  });
});

describe.each([['written to the file', 4096], ['still in the write buffer', 1 << 22]])(
  'LogWriter with 2 pages retained, the pages %s', (_what, bufferBytes) => {
    test('a key again after it left memory: the same bytes add no record, other bytes are refused', () => {
      const p = path.join(dir, `retained-${bufferBytes}.log`);
      const readBack = jest.spyOn(BufferedFile.prototype, 'readAt');
      const w = LogWriter.create(p, HEADER, { fsync: 'never', retainedPages: 2, bufferBytes });
      for (let k = 1; k <= 6; k++) w.append(write([page(k)]));
      w.append(write([page(1), page(3)]));
      expect(() => w.append(write([page(2, 77)]))).toThrow(/page key 2 already names different content/);
      w.close();
      expect(readBack).toHaveBeenCalledTimes(3); // keys 1, 3 and 2: none of them was held any more
      readBack.mockRestore();
      const data = fs.readFileSync(p);
      expect(frames(data)).toHaveLength(1 + 6 + 7); // header, 6 pages, 7 events: nothing stored twice
      const read = [...LogReader.open(p)];
      const last = read[6].event;
      expect(last.type === 'BioQueued' && last.pages.map((x) => x.data)).toEqual([pageFrom(1), pageFrom(3)]);
    });
  });

test('openAppend learns where the old pages are: a key again is checked against its bytes in the file', () => {
  const p = path.join(dir, 'append-retained.log');
  const w = LogWriter.create(p, HEADER, { fsync: 'never' });
  for (let k = 1; k <= 4; k++) w.append(write([page(k)]));
  w.close();
  const a = LogWriter.openAppend(p, { fsync: 'never', retainedPages: 1 });
  a.append(write([page(1)]));
  expect(() => a.append(write([page(3, 55)]))).toThrow(/page key 3 already names different content/);
  a.append(write([page(5)]));
  a.close();
  expect(frames(fs.readFileSync(p))).toHaveLength(1 + 4 + 4 + 1 + 2); // page 5 and its event: 2
  expect([...LogReader.open(p)]).toHaveLength(6);
});
