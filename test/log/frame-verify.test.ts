// A reader checks a chunk's frames in one call of the CRC32C addon (verifyFrames) where it is
// built, one frame at a time otherwise. Both must read the same: every single-bit flip of a small
// log, and every cut, give the same events and the same error (its text names the record's
// offset) with the addon and without it.
import * as fs from 'node:fs';
import { crc32cTable, verifyFramesAddon } from '../../src/log/crc32c';
import { MemorySource } from '../../src/log/byte-source';
import { LogReader } from '../../src/log/reader';
import { nanos } from '../../src/units';
import { testUnless } from '../helpers/skip';
import { crcAddonAbsent, crcAddonUnbuildable, frames, smallEvents, tmpDir, writeLog } from './helpers';

type Read = (data: Uint8Array, chunkBytes: number) => string;
// the small log, then 60 short events: small frames after the pages, where the reader's buffer
// moves its bytes down often
const events = smallEvents();
for (let i = 0; i < 60; i++) {
  const seq = events.length;
  events.push({ seq, ts: nanos(seq * 1000), event: { type: 'AttrStored', attr: 'mem_limit', value: `${i}M\n` } });
}
const log = fs.readFileSync(writeLog(tmpDir(), 'verify.log', events));
const pagePayloads = frames(log).filter((f) => f.kind === 'pageContent');

/** What a reader (from `reader`'s modules) reads of `data`: its events and error, as text. */
const readWith = (reader: typeof LogReader): Read => (data, chunkBytes) => {
  let n = 0;
  try {
    for (const e of new reader(new MemorySource(data, 'test.log'), { chunkBytes })) { void e; n++; }
    return `${n} events; no error`;
  } catch (error) {
    return `${n} events; ${String(error)}`;
  }
};

/** A reader from modules loaded without the addon. */
function readWithoutAddon(): Read {
  let r: Read | undefined;
  jest.isolateModules(() => {
    jest.doMock('../../src/native-path', () => ({ nativeBuildPath: () => null }));
    expect((require('../../src/log/crc32c') as typeof import('../../src/log/crc32c')).verifyFramesAddon).toBeNull();
    r = readWith((require('../../src/log/reader') as typeof import('../../src/log/reader')).LogReader);
  });
  jest.dontMock('../../src/native-path');
  return r!;
}

describe('frames checked by the chunk (verifyFrames) and one by one read the same', () => {
  const withAddon = readWith(LogReader), bare = readWithoutAddon();

  testUnless(crcAddonUnbuildable(), 'the addon is there to compare with (npm run build)', () => {
    expect(verifyFramesAddon).not.toBeNull();
  });

  test('single-bit flips and cuts, read in small and large chunks', () => {
    // every byte outside the page contents, every 61st inside them
    const inPage = (at: number): boolean => pagePayloads.some((f) => at >= f.start + 16 && at < f.end);
    let compared = 0;
    for (let at = 0; at < log.length; at++) {
      if (inPage(at) && at % 61 !== 0) continue;
      const flipped = Buffer.from(log);
      flipped[at] ^= 1 << (at % 8);
      for (const data of [flipped, log.subarray(0, at)]) {
        for (const chunk of [64, 1024, 65536]) {
          const a = withAddon(data, chunk), b = bare(data, chunk);
          if (a !== b) expect([at, chunk, a]).toEqual([at, chunk, b]);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(6000);
    expect(withAddon(log, 64)).toBe(`${events.length} events; no error`);
  });

  testUnless(crcAddonAbsent(verifyFramesAddon), 'verifyFrames stops at a torn, too long or bad frame', () => {
    if (verifyFramesAddon === null) return;
    const frame = (payload: number[]): Buffer => {
      const p = Uint8Array.from(payload), h = Buffer.alloc(8);
      h.writeUInt32LE(p.length, 0); h.writeUInt32LE(crc32cTable(p), 4);
      return Buffer.concat([h, p]);
    };
    const a = frame([1, 2, 3]), b = frame(Array.from({ length: 5000 }, (_, i) => i & 255)), c = frame([9]);
    const all = Buffer.concat([a, b, c]);
    expect(verifyFramesAddon(all, 0, all.length, 1 << 20)).toBe(all.length);
    expect(verifyFramesAddon(all, a.length, all.length, 1 << 20)).toBe(all.length);
    expect(verifyFramesAddon(all, 0, all.length - 1, 1 << 20)).toBe(a.length + b.length); // c torn
    expect(verifyFramesAddon(all, 0, all.length, 4096)).toBe(a.length); // b too long
    const bad = Buffer.from(all);
    bad[a.length + 8 + 4000] ^= 4;
    expect(verifyFramesAddon(bad, 0, bad.length, 1 << 20)).toBe(a.length); // b's CRC
    expect(() => (verifyFramesAddon as unknown as (...x: unknown[]) => number)(all, 5, 2, 10)).toThrow('verifyFrames(');
  });
});
