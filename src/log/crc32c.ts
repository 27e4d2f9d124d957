// CRC32C (Castagnoli, reflected polynomial 0x82F63B78) of a log frame's payload. Three ways, one
// value: a table loop in JS for short payloads (most event records are ~20 bytes: cheaper than
// any native call), our SSE4.2 addon (src/log/native/crc32c.c, built by `npm run build`) for the
// rest, and @node-rs/crc32 where the addon is missing. On a page record (~4.1 KB) the addon
// takes 0.2 us, @node-rs/crc32 0.8 us: a replay checks one such record per written page.
import { nativeBuildPath } from '../native-path';

/** CRC32C byte table, for short payloads. */
const TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  return c;
});

/** CRC32C by the table, one byte a step. */
export function crc32cTable(p: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < p.length; i++) c = TABLE[(c ^ p[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

type Crc = (p: Uint8Array) => number;
/** The addon's verifyFrames: from buf[from], the frames whole within buf[.. to), no longer than
 * maxRecord and carrying their payload's CRC32C, checked in one call; returns where the first
 * frame not so begins (src/log/native/crc32c.c). */
export type VerifyFrames = (buf: Uint8Array, from: number, to: number, maxRecord: number) => number;
interface Addon { crc32c?: Crc; verifyFrames?: VerifyFrames }

/** The addon, or an empty one (not built, or a CPU without SSE4.2: it then exports nothing). */
function loadAddon(): Addon {
  const p = nativeBuildPath('crc32c.node');
  if (p === null) return {};
  try {
    return require(p) as Addon;
  } catch {
    return {}; // built for another Node or machine: the portable CRC does
  }
}

const addon = loadAddon();
export const crc32cAddon: Crc | null = addon.crc32c ?? null;
export const verifyFramesAddon: VerifyFrames | null = addon.verifyFrames ?? null;
let nodeRs: typeof import('@node-rs/crc32').crc32c | null = null;
/** @node-rs/crc32's CRC32C, loaded at first use: where the addon is missing (its own native
 * load costs ~3 ms of every start). */
export const crc32cPortable = (p: Uint8Array): number =>
  (nodeRs ??= (require('@node-rs/crc32') as typeof import('@node-rs/crc32')).crc32c)(p as Buffer) >>> 0;
const long: Crc = crc32cAddon ?? crc32cPortable;
/** Below this the table beats a native call (measured: 32 bytes, 61 ns either way). */
const SHORT = crc32cAddon ? 32 : 64;

/** CRC32C of `p`. */
export const crc32c = (p: Uint8Array): number => (p.length < SHORT ? crc32cTable(p) : long(p));

/** Which implementation checks long payloads here (for reports and tests). */
export const crc32cImplementation = (): 'sse4.2 addon' | '@node-rs/crc32' =>
  (crc32cAddon ? 'sse4.2 addon' : '@node-rs/crc32');
