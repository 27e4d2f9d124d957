// 842 format vectors built by hand from lib/842/842.h (a bit string per template kind), checked
// both ways: our compressor emits exactly these bytes, and the independent decoder reads them
// back. Plus the crc32_be check value and the two template tables agreeing.
import { sw842 } from '../../src/compress/842/backend';
import { crc32Be } from '../../src/compress/842/crc32-be';
import { COMP_TEMPLATES } from '../../src/compress/842/templates';
import { DECODE_OPS } from '../../src/compress/842/decode-ops';
import { ringOffset } from '../../src/compress/842/decompress';
import { pack } from './sw842-pack';

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/ /g, ''), 'hex'));
const A = '1122334455667788';
const B = 'a1b2c3d4e5f60718';
const END = [0x1e, 5] as const;
const crc = (d: Uint8Array) => [crc32Be(0, d), 32] as const;
const d8 = (h: string) => [[0x00, 5], [parseInt(h.slice(0, 8), 16), 32], [parseInt(h.slice(8), 16), 32]] as const;

function compress(input: Uint8Array): Uint8Array {
  const dst = new Uint8Array(8192);
  const n = sw842.compress(input, dst, {});
  expect(sw842.compressedLength(input, {})).toBe(n);
  return dst.slice(0, n);
}

function decompress(stream: Uint8Array, cap = 4096): Uint8Array | null {
  const out = new Uint8Array(cap);
  const n = sw842.decompress(stream, out);
  return n < 0 ? null : out.slice(0, n);
}

describe('842 building blocks', () => {
  test('crc32_be(0, "123456789") is the CRC-32/POSIX check value without its final xor', () => {
    expect(crc32Be(0, Buffer.from('123456789'))).toBe((0x765e7680 ^ 0xffffffff) >>> 0);
    expect(crc32Be(0, new Uint8Array(64))).toBe(0);
  });

  test('the compressor\'s template list and the decoder\'s table agree on every code', () => {
    const codes = COMP_TEMPLATES.map((t) => t.code).sort((a, b) => a - b);
    expect(codes).toEqual(Array.from({ length: 26 }, (_, i) => i));
    for (const t of COMP_TEMPLATES) {
      expect(DECODE_OPS[t.code].map(([k, n]) => `${k}${n}`)).toEqual(t.ops);
    }
  });
});

const vectors: [string, Uint8Array, readonly (readonly [number, number])[]][] = (() => {
  const a = hex(A);
  const zeros = new Uint8Array(8);
  const aab = hex(A + A + A);
  const abaab = hex(A + B + A + B + A);
  const i4d4 = hex(A + '55667788 99aabbcc');
  const short = hex('0a0b0c');
  const long = hex(A + '0a0b0c');
  const run = hex(A.repeat(66));
  const page = new Uint8Array(4096);
  return [
    ['D8 (no earlier data)', a, [...d8(A), END, crc(a)]],
    ['ZEROS', zeros, [[0x1c, 5], END, crc(zeros)]],
    ['REPEAT (arg = copies - 1)', aab, [...d8(A), [0x1b, 5], [1, 6], END, crc(aab)]],
    ['I8, most recent node first', abaab,
      [...d8(A), ...d8(B), [0x19, 5], [0, 8], [0x19, 5], [1, 8], [0x19, 5], [2, 8], END, crc(abaab)]],
    ['I4 D4 (0x14) chosen before the longer I2 I2 D4', i4d4,
      [...d8(A), [0x14, 5], [1, 9], [0x99aabbcc, 32], END, crc(i4d4)]],
    ['SHORT_DATA alone (input < 8 bytes)', short, [[0x1d, 5], [3, 3], [10, 8], [11, 8], [12, 8], END, crc(short)]],
    ['SHORT_DATA tail', long, [...d8(A), [0x1d, 5], [3, 3], [10, 8], [11, 8], [12, 8], END, crc(long)]],
    ['REPEAT splits at 64 copies', run, [...d8(A), [0x1b, 5], [63, 6], [0x1b, 5], [0, 6], END, crc(run)]],
    ['zero page: ZEROS then 7 x REPEAT(63) + REPEAT(62)', page,
      [[0x1c, 5], ...Array(7).fill([0x1b, 5]).flatMap((op) => [op, [63, 6]]), [0x1b, 5], [62, 6], END, crc(page)]],
  ];
})();

describe('842 format vectors (hand-packed from 842.h)', () => {
  test.each(vectors)('%s: compressor emits it, decoder reads it', (_name, input, fields) => {
    const expected = pack(fields);
    expect(Buffer.from(compress(input)).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
    expect(Buffer.from(decompress(expected)!).equals(Buffer.from(input))).toBe(true);
  });

  test('each regular template decodes: code 0x0b (I2 D4 I2) after one D8', () => {
    const stream = pack([...d8(A), [0x0b, 5], [3, 8], [0xdeadbeef, 32], [0, 8], END, crc(hex(A + '7788deadbeef1122'))]);
    expect(Buffer.from(decompress(stream)!).toString('hex')).toBe(A + '7788deadbeef1122');
  });
});

describe('842 rings: the hash tables forget what the index ring has overwritten', () => {
  // fillers whose 8-, 4- and 2-byte values never recur, so each is D8
  const filler = (i: number) => [i >> 8, i & 255, 0xa0, i & 255, 0xb0, i & 255, 0xc0, i & 255]
    .map((x) => x.toString(16).padStart(2, '0')).join('');
  const fillers = (n: number) => Array.from({ length: n }, (_, i) => filler(i + 1));

  test('A again 2048 bytes later: still in node 0 of the I8 ring, I8 index 0', () => {
    const input = hex(A + fillers(255).join('') + A);
    const fields = [...d8(A), ...fillers(255).flatMap(d8), [0x19, 5], [0, 8], END, crc(input)] as const;
    expect(Buffer.from(compress(input)).equals(Buffer.from(pack(fields)))).toBe(true);
    expect(Buffer.from(decompress(pack(fields))!).equals(Buffer.from(input))).toBe(true);
  });

  test('A again 2056 bytes later: node 0 was reused, so D8', () => {
    const input = hex(A + fillers(256).join('') + A);
    const fields = [...d8(A), ...fillers(256).flatMap(d8), ...d8(A), END, crc(input)] as const;
    expect(Buffer.from(compress(input)).equals(Buffer.from(pack(fields)))).toBe(true);
  });

  test('the decoder resolves an index to the latest ring position before the current group', () => {
    expect(ringOffset(0, 2, 8, 520)).toBe(512);
    expect(ringOffset(16, 2, 8, 520)).toBe(32);
    expect(ringOffset(0, 8, 8, 2048)).toBe(0);
    expect(ringOffset(1, 8, 8, 8)).toBe(-1);
  });
});
