// Streaming ingest (replay of long traces in bounded memory): events come out as records go in,
// contents are drawn only when their bio is reached, and bounded content keys never merge two
// different pages.
import fc from 'fast-check';
import * as path from 'node:path';
import { readMerged } from '../../src/blktrace/read';
import { exactContent, ingestStream, ingestTrace, surveyTrace } from '../../src/ingest';
import { PageKeys } from '../../src/ingest/page-keys';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const TRACE = path.join(__dirname, '..', '..', 'traces', 'zram-seqwrite', 'zram-seqwrite');

test('ingestStream yields the same events as ingestTrace, drawing page contents only as it goes', () => {
  const recs = readMerged(TRACE).merged;
  let drawn = 0;
  const content = exactContent((bio, i) => { drawn++; const p = new Uint8Array(4096); p[0] = bio.bioId; p[1] = i; return p; });
  const whole = ingestTrace(recs, { content }).events;
  const wholeDrawn = drawn;
  drawn = 0;
  const { device } = surveyTrace(recs);
  const it = ingestStream(recs, { content, device, maxRetainedPages: 16 });
  const first = [it.next().value, it.next().value];
  expect(drawn).toBeLessThan(wholeDrawn / 10); // only the first bio's pages so far
  const rest = [...it];
  expect(drawn).toBe(wholeDrawn);
  const strip = (e: unknown) => JSON.stringify(e, (k, v) => (k === 'data' || k === 'key' ? undefined : v));
  expect([...first, ...rest].map(strip)).toEqual(whole.map(strip));
});

test(`bounded content keys: equal keys only for equal bytes, whatever is evicted (seed ${SEED})`, () => {
  fc.assert(fc.property(fc.array(fc.nat(5), { maxLength: 200 }), fc.integer({ min: 1, max: 4 }), (picks, max) => {
    const keys = new PageKeys(max);
    const pages = picks.map((v) => { const p = new Uint8Array(4096); p[7] = v; return p; });
    const payloads = pages.map((p) => keys.payload(p));
    for (let i = 0; i < payloads.length; i++) {
      for (let j = 0; j < i; j++) if (payloads[i].key === payloads[j].key) expect(pages[i][7]).toBe(pages[j][7]);
    }
  }), { seed: SEED, numRuns: 200 });
});
