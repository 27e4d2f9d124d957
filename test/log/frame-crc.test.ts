// A frame's CRC32C has three implementations (src/log/crc32c.ts): a table loop for short
// payloads, the SSE4.2 addon, @node-rs/crc32 where the addon is missing. All must give one value
// for every length and offset, on both sides of every switch: the short threshold, and the
// addon's three-stream chunks (3 x 1344 bytes) and its 8-byte steps.
import { crc32c as nodeRsCrc32c } from '@node-rs/crc32';
import { crc32c, crc32cAddon, crc32cImplementation, crc32cPortable, crc32cTable } from '../../src/log/crc32c';
import { payloadCrc } from '../../src/log/frame';
import { testUnless } from '../helpers/skip';
import { crcAddonAbsent, crcAddonUnbuildable } from './helpers';

const SEED = 77;
const CHUNK = 3 * 1344;

function bytes(n: number, seed: number): Uint8Array {
  let x = seed >>> 0;
  return new Uint8Array(n).map(() => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x >>> 24; });
}

describe(`CRC32C of log frames (seed ${SEED}, long payloads by ${crc32cImplementation()})`, () => {
  test('the check value of "123456789", by every implementation', () => {
    const check = Buffer.from('123456789');
    expect(crc32cTable(check)).toBe(0xe3069283);
    expect(nodeRsCrc32c(check) >>> 0).toBe(0xe3069283);
    expect(payloadCrc(check)).toBe(0xe3069283);
    expect(crc32cPortable(check)).toBe(0xe3069283);
    if (crc32cAddon) expect(crc32cAddon(check)).toBe(0xe3069283);
  });

  testUnless(crcAddonUnbuildable(), 'where cc builds it (npm run build), the addon checks long payloads', () => {
    // a missing addon only costs speed, but a build that silently stopped making it would go unseen
    expect(crc32cImplementation()).toBe('sse4.2 addon');
  });

  test('table, addon and @node-rs/crc32 agree at every length 0..300, around each chunk, at odd offsets', () => {
    const lengths = [...Array.from({ length: 301 }, (_, n) => n), 4096, 4105, 65536, 1 << 20];
    for (const c of [1, 2, 3]) for (let d = -9; d <= 9; d++) lengths.push(c * CHUNK + d);
    const big = bytes((1 << 20) + 8, SEED);
    for (const n of lengths) {
      for (const off of [0, 1, 5]) {
        const p = big.subarray(off, off + n);
        const want = nodeRsCrc32c(Buffer.from(p.buffer, p.byteOffset, p.length)) >>> 0;
        const table = n <= 5000 ? crc32cTable(p) : want, addon = crc32cAddon ? crc32cAddon(p) : want;
        const got = [n, off, crc32c(p), table, addon, crc32cPortable(p)];
        expect(got).toEqual([n, off, want, want, want, want]);
      }
    }
  });

  test('one flipped bit anywhere in a page record changes the CRC', () => {
    const p = bytes(4105, SEED + 1);
    const crc = payloadCrc(p);
    for (const at of [0, 7, 8, 1343, 1344, 2688, 4031, 4032, 4104]) {
      const q = p.slice();
      q[at] ^= 0x10;
      expect([at, payloadCrc(q)]).not.toEqual([at, crc]);
    }
  });

  testUnless(crcAddonAbsent(crc32cAddon), 'the addon refuses what is not a Uint8Array', () => {
    if (!crc32cAddon) return;
    expect(() => (crc32cAddon as (x: unknown) => number)(new Uint16Array(4))).toThrow('crc32c(Uint8Array)');
    expect(() => (crc32cAddon as (x: unknown) => number)('abc')).toThrow('crc32c(Uint8Array)');
  });

  test('without the addon (not built), frames are checked by @node-rs/crc32 with the same values', () => {
    jest.isolateModules(() => {
      jest.doMock('../../src/native-path', () => ({ nativeBuildPath: () => null }));
      const bare = require('../../src/log/crc32c') as typeof import('../../src/log/crc32c');
      expect(bare.crc32cAddon).toBeNull();
      expect(bare.crc32cImplementation()).toBe('@node-rs/crc32');
      for (const n of [0, 31, 63, 64, 4105]) {
        const p = bytes(n, SEED + n);
        expect([n, bare.crc32c(p)]).toEqual([n, nodeRsCrc32c(Buffer.from(p)) >>> 0]);
      }
    });
    jest.dontMock('../../src/native-path');
  });
});
