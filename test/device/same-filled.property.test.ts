// page_same_filled() against its definition (every 8-byte word of the page equal), on pages that
// are same-filled, or same-filled but for one byte anywhere (first and last words included), at
// any byte offset of any buffer (aligned views, unaligned ones, a page in a buffer of its own).
import fc from 'fast-check';
import { pageSameFilled } from '../../src/device/same-filled';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

/** The definition, one 8-byte word at a time, little-endian halves as the element. */
function byDefinition(p: Uint8Array): [number, number] | null {
  const dv = new DataView(p.buffer, p.byteOffset, 4096);
  const lo = dv.getUint32(0, true), hi = dv.getUint32(4, true);
  for (let i = 8; i < 4096; i += 8) if (dv.getUint32(i, true) !== lo || dv.getUint32(i + 4, true) !== hi) return null;
  return [lo, hi];
}

const caseArb = fc.record({
  word: fc.uint8Array({ minLength: 8, maxLength: 8 }),
  flip: fc.option(fc.record({ at: fc.oneof(fc.nat(4095), fc.constantFrom(0, 7, 8, 15, 4080, 4087, 4088, 4095)), xor: fc.integer({ min: 1, max: 255 }) })),
  offset: fc.nat(24),
  shared: fc.boolean(),   // in a larger buffer with other pages, or alone
});

test(`pageSameFilled agrees with the definition (FC_SEED=${SEED})`, () => {
  fc.assert(fc.property(caseArb, ({ word, flip, offset, shared }) => {
    const buf = new Uint8Array(shared ? 3 * 4096 + 32 : 4096 + offset);
    const page = buf.subarray(offset, offset + 4096);
    for (let i = 0; i < 4096; i++) page[i] = word[i & 7];
    if (flip) page[flip.at] ^= flip.xor;
    const got = pageSameFilled(page);
    expect(got).toEqual(byDefinition(page));
    if (flip) expect(got).toBeNull();
  }), { seed: SEED, numRuns: 2000 });
});
