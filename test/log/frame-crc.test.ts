// Short payloads take a table CRC32C in JS (cheaper than the native call): it must equal the
// native CRC32C for every length on both sides of the switch.
import { crc32c } from '@node-rs/crc32';
import { payloadCrc } from '../../src/log/frame';

const SEED = 77;

describe(`payloadCrc equals CRC32C (seed ${SEED})`, () => {
  test('lengths 0..300, pseudo-random bytes, plus the check value of "123456789"', () => {
    let x = SEED;
    for (let n = 0; n <= 300; n++) {
      const b = new Uint8Array(n).map(() => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x >>> 24; });
      expect(payloadCrc(b)).toBe(crc32c(Buffer.from(b)) >>> 0);
    }
    expect(payloadCrc(Buffer.from('123456789'))).toBe(0xe3069283); // CRC-32C check value
  });
});
