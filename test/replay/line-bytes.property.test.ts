// The bio lines written straight into the output buffer (bioLineInto, bioTimingInto) are the
// bytes of the text forms (formatRecord, formatTiming) for any record: plain or not (then they
// decline and write nothing), integers of any size, negative, fractional and -0 numbers, and
// strings that JSON must escape.
import fc from 'fast-check';
import { bioLineInto, bioLineMaxBytes, formatRecord, type BioResult } from '../../src/replay/outputs';
import { bioTimingInto, bioTimingMaxBytes, formatTiming, type BioTiming } from '../../src/replay/timing';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

const num = fc.oneof(fc.nat(), fc.maxSafeNat(), fc.integer(), fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 2 ** 53, 1e21, 0.1),
  fc.constantFrom(9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5, 1e6 * 1.5, Math.round(0.0123456 * 1e6)));
const str = fc.oneof(fc.constantFrom('write', 'read', 'ok', 'EIO', 'discard', ''), fc.string(), fc.string({ unit: fc.constantFrom(...'0123456789abcdef:'), maxLength: 80 }),
  fc.constantFrom('a"b', 'x\\y', 'new\nline', 'é', 'sha256:ab'));

/** A record JSON writes without escapes, and numbers as their toString(): the ones written directly. */
const plain = (strs: string[], nums: number[]): boolean =>
  strs.every((x) => /^[\w.:/+-]*$/.test(x)) && nums.every((x) => Number.isFinite(x) && !Object.is(x, -0));

/** Writes with `into` over a buffer of 0xEE bytes: the line's bytes, or null when it declined (buffer unchanged). */
function written<T>(into: (b: Uint8Array, at: number, x: T) => number, max: number, x: T): string | null {
  const buf = new Uint8Array(max + 16).fill(0xee);
  const end = into(buf, 7, x);
  if (end < 0) {
    expect(buf.every((v) => v === 0xee)).toBe(true);
    return null;
  }
  expect(end).toBeLessThanOrEqual(7 + max);
  expect(buf.subarray(0, 7).every((v) => v === 0xee)).toBe(true);
  return Buffer.from(buf.subarray(7, end)).toString('latin1');
}

test(`bioLineInto writes formatRecord's bytes or declines (FC_SEED=${SEED})`, () => {
  const bio = fc.record({ seq: num, bioId: num, op: str, status: str, sector: num, bytes: num, digest: str, q2cNs: num });
  fc.assert(fc.property(bio, (b: BioResult) => {
    const got = written(bioLineInto, bioLineMaxBytes(b), b);
    expect(got).toBe(plain([b.op, b.status, b.digest], [b.seq, b.bioId, b.sector, b.bytes, b.q2cNs]) ? formatRecord({ bio: b }) : null);
  }), { seed: SEED, numRuns: 3000 });
});

test(`bioTimingInto writes formatTiming's bytes or declines (FC_SEED=${SEED})`, () => {
  const timing = fc.record({ seq: num, bioId: num, op: str, serviceNs: num });
  fc.assert(fc.property(timing, (b: BioTiming) => {
    const got = written(bioTimingInto, bioTimingMaxBytes(b), b);
    expect(got).toBe(plain([b.op], [b.seq, b.bioId, b.serviceNs]) ? formatTiming({ bio: b }) : null);
  }), { seed: SEED, numRuns: 3000 });
});

test('the usual bio line is written, not declined', () => {
  const b: BioResult = { seq: 12, bioId: 3, op: 'write', status: 'ok', sector: 4096, bytes: 4096, digest: 'sha256:0f', q2cNs: 1234 };
  expect(written(bioLineInto, bioLineMaxBytes(b), b)).toBe('{"bio":{"seq":12,"bioId":3,"op":"write","status":"ok","sector":4096,"bytes":4096,"digest":"sha256:0f","q2cNs":1234}}\n');
});
