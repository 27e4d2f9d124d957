// The format on disk, pinned: the small log's bytes must not change unless the format does
// (then bump LOG_FORMAT_VERSION and regenerate with UPDATE_GOLDEN=1; never edit by hand).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogReader } from '../../src/log/reader';
import { frames, HEADER, smallEvents, tmpDir, writeLog } from './helpers';

const golden = path.join(__dirname, 'golden', 'small.zlog');

test('the writer produces the golden bytes, and the reader reads them', () => {
  const written = fs.readFileSync(writeLog(tmpDir(), 'small.zlog', smallEvents()));
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, written);
  const want = fs.readFileSync(golden);
  expect(written.equals(want)).toBe(true);
  const r = LogReader.open(golden);
  expect(r.header).toEqual(HEADER);
  expect([...r]).toEqual(smallEvents());
});

test('golden frame layout: [u32 LE length][u32 LE CRC32C][payload], header record first', () => {
  const bytes = fs.readFileSync(golden);
  const first = frames(bytes)[0]!;
  expect(bytes.readUInt32LE(0)).toBe(first.end - 8);
  // LogRecord.header is field 1, length-delimited: tag 0x0a.
  expect(bytes[8]).toBe(0x0a);
  expect(bytes.subarray(0, 8).toString('hex')).toMatchInlineSnapshot(`"36000000d61fd78d"`);
});

/** Bitwise CRC32C (Castagnoli, reflected 0x82F63B78): an independent reference. */
function crc32cReference(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

test('every golden frame carries the CRC32C of its payload (independent bitwise CRC)', () => {
  expect(crc32cReference(Buffer.from('123456789'))).toBe(0xe3069283); // the CRC-32C check value
  const bytes = fs.readFileSync(golden);
  const fs_ = frames(bytes);
  expect(fs_).toHaveLength(13);
  for (const f of fs_) {
    expect(bytes.readUInt32LE(f.start + 4)).toBe(crc32cReference(bytes.subarray(f.start + 8, f.end)));
  }
});
