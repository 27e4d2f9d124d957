// The device's compact log: log() gives back every written page byte for byte (compressed,
// huge, same-filled, in both payload modes, after the caller reuses its buffer), failed writes
// included, and folding the log into a new device gives the same texts.
import fc from 'fast-check';
import { DEFAULT_MIX, mixedPage, parseMix } from '../../src/content';
import type { CompAlgorithm } from '../../src/compress/types';
import type { PagePayload } from '../../src/events/types';
import { ZramDevice } from '../../src/device/zram-device';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const mix = parseMix(DEFAULT_MIX);
const TEXTS = ['mm_stat', 'io_stat', 'stat', 'debug_stat'];

/** Bytes no compressor shrinks below huge_class_size. */
function noise(buf: Uint8Array, seed: number): void {
  for (let b = 0; b < 4096; b++) buf[b] = (Math.imul(seed, 2654435761) >>> (b & 15)) ^ b * 31;
}
const hex = (p: Uint8Array): string => Buffer.from(p).toString('hex');

/** Pages written to a device (one buffer reused for every write, as callers do), by offset. */
function writeRandom(d: ZramDevice, seed: number, n: number): Uint8Array[] {
  const buf = new Uint8Array(4096);
  const written: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const kind = (seed + i * 7) % 5;
    if (kind === 0) buf.fill((seed + i) & 0xff); // same-filled
    else if (kind === 1) noise(buf, seed + i); // huge
    else buf.set(mixedPage(mix, seed, i).page);
    d.write((i % 40) * 4096, buf);
    written.push(buf.slice());
  }
  return written;
}

const writtenPages = (d: ZramDevice): Uint8Array[] => d.log().flatMap((r) =>
  r.event.type === 'BioQueued' ? r.event.pages.map((p: PagePayload) => p.data) : []);

describe(`the compact write log gives back the written pages (seed ${SEED})`, () => {
  for (const alg of ['lzo-rle', 'lzo', 'lz4'] as CompAlgorithm[]) {
    for (const payload of ['compressed', 'original'] as const) {
      test(`${alg}, payload ${payload}`, () => {
        fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 30 }), (seed) => {
          const d = new ZramDevice({ payload });
          d.store('comp_algorithm', alg);
          d.store('disksize', '1M');
          const written = writeRandom(d, seed, 60);
          const logged = writtenPages(d);
          expect(logged.length).toBe(written.length);
          for (let i = 0; i < written.length; i++) expect(hex(logged[i])).toBe(hex(written[i]));
          expect(d.log().map((r) => r.seq)).toEqual(d.log().map((_, i) => i));
          const e = new ZramDevice({ payload });
          for (const r of d.log()) e.apply(r.event);
          for (const t of TEXTS) expect(e.show(t)).toBe(d.show(t));
        }), { seed: SEED, numRuns: 4 });
      });
    }
  }

  test('an lz4 level stored between writes takes effect at once (same mm_stat as payload original)', () => {
    const devs = (['compressed', 'original'] as const).map((payload) => {
      const d = new ZramDevice({ payload });
      d.store('comp_algorithm', 'lz4');
      d.store('disksize', '1M');
      const pages = Array.from({ length: 40 }, (_, i) => mixedPage(mix, SEED, i).page);
      pages.forEach((p, i) => {
        if (i === 20) d.store('algorithm_params', 'algo=lz4 level=64');
        d.write(i * 4096, p);
      });
      return d;
    });
    const sizes = devs.map((d) => d.show('mm_stat'));
    expect(sizes[0]).toBe(sizes[1]);
    const fresh = new ZramDevice();
    fresh.store('comp_algorithm', 'lz4');
    fresh.store('disksize', '1M');
    Array.from({ length: 40 }, (_, i) => mixedPage(mix, SEED, i).page).forEach((p, i) => fresh.write(i * 4096, p));
    expect(fresh.show('mm_stat')).not.toBe(sizes[0]); // the level did change the compressed sizes
  });

  test('a write that fails (mem_limit) logs the page as written and throws EIO; the log refolds', () => {
    const d = new ZramDevice();
    d.store('mem_limit', '12K');
    d.store('disksize', '1M');
    const buf = new Uint8Array(4096);
    const written: Uint8Array[] = [];
    let failures = 0;
    for (let i = 0; i < 12; i++) {
      noise(buf, i + 1);
      try { d.write(i * 4096, buf); } catch (e) { expect((e as { errno?: string }).errno).toBe('EIO'); failures++; }
      written.push(buf.slice());
    }
    expect(failures).toBeGreaterThan(0);
    const logged = writtenPages(d);
    expect(logged.map(hex)).toEqual(written.map(hex));
    const e = new ZramDevice();
    for (const r of d.log()) e.apply(r.event);
    for (const t of TEXTS) expect(e.show(t)).toBe(d.show(t));
  });
});
