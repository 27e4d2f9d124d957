// Transient pages (a fold's read of a log): a page's bytes are views of the reader's buffer, not
// copies. Whatever the buffer does meanwhile (its bytes moved down at each refill, or a bigger
// buffer), an event's pages and pageTransient() give the bytes the log holds: from the view while
// it is valid, from the file after.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KERNEL_SEMANTICS, LOG_FORMAT_VERSION } from '../../src/events/types';
import { LogWriter } from '../../src/log';
import { LogReader } from '../../src/log/reader';
import { bytes, nanos, sector } from '../../src/units';

const SEED = 11;

function page(key: number): Uint8Array {
  let x = (SEED * 2654435761 + key * 40503) >>> 0;
  return new Uint8Array(4096).map(() => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x >>> 24; });
}

describe(`transient page views (seed ${SEED})`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-transient-'));
  const log = path.join(dir, 't.zlog');
  const N = 700;
  beforeAll(() => {
    const header = { formatVersion: LOG_FORMAT_VERSION, pageSize: 4096, kernelSemantics: KERNEL_SEMANTICS,
      variant: 'claim' as const, contentSource: 'exact' as const, provenance: { tool: 'test' } };
    const w = LogWriter.create(log, header, { fsync: 'never' });
    w.append({ ts: nanos(0), event: { type: 'AttrStored', attr: 'disksize', value: '8M\n' } });
    for (let i = 1; i <= N; i++) {
      // a new page, and every third event also one defined earlier: 3 back (in the ring), 300 back (past it)
      const keys = [i, ...(i % 3 === 0 && i > 3 ? [i - 3] : []), ...(i % 7 === 0 && i > 300 ? [i - 300] : [])];
      w.append({ ts: nanos(i), event: { type: 'BioQueued', bioId: i, op: 'write', sector: sector(0),
        bytes: bytes(4096 * keys.length), context: 'process', pages: keys.map((key) => ({ key, data: page(key) })) } });
    }
    w.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const chunkBytes of [9000, 20000, 64 * 1024]) {
    test(`chunks of ${chunkBytes} bytes: every event's pages, and earlier keys by pageTransient, are the log's`, () => {
      const r = LogReader.open(log, { transientPages: true, chunkBytes });
      let events = 0, checked = 0;
      try {
        for (let e = r.next(); e !== null; e = r.next()) {
          events++;
          if (e.event.type !== 'BioQueued') continue;
          for (const p of e.event.pages) {
            expect([p.key, Buffer.compare(Buffer.from(p.data!), Buffer.from(page(p.key)))]).toEqual([p.key, 0]);
            checked++;
          }
          const k = e.event.bioId;
          for (const back of [0, 1, 2, 5, 255, 256, 400]) {
            if (k - back < 1) continue;
            const got = r.pageTransient(k - back);
            const same = got !== undefined && Buffer.compare(Buffer.from(got), Buffer.from(page(k - back)));
            expect([k, back, same]).toEqual([k, back, 0]);
          }
        }
      } finally {
        r.close();
      }
      expect(events).toBe(N + 1);
      expect(checked).toBeGreaterThan(N);
    });
  }
});
