// Record framing of the log file, the format's only layer below protobuf:
//
//   [u32 LE payload length][u32 LE CRC32C (Castagnoli) of the payload][payload: one LogRecord]
//
// Fixed-width fields rather than a varint: a torn or flipped length is then told from a real
// one by the bound and the CRC, and a frame header is always 8 bytes. A log is a plain
// concatenation of frames; the file has no other header or trailer.
import { crc32c } from './crc32c';

export const FRAME_HEADER_BYTES = 8;
/** No valid record is larger (a header, a page, or an event with its page keys); a length
 * above this is corruption, and it bounds a reader's buffer. */
export const MAX_RECORD_BYTES = 1 << 20;

/** CRC32C of a payload, as stored in its frame. */
export const payloadCrc: (payload: Uint8Array) => number = crc32c;

/** Writes a frame header for `payload` into `into` at `at`. */
export function putFrameHeader(into: Buffer, at: number, payload: Uint8Array): void {
  if (payload.length > MAX_RECORD_BYTES) {
    throw new RangeError(`log record of ${payload.length} bytes exceeds MAX_RECORD_BYTES (${MAX_RECORD_BYTES})`);
  }
  into.writeUInt32LE(payload.length, at);
  into.writeUInt32LE(payloadCrc(payload), at + 4);
}

/** A whole frame as bytes (header + payload). */
export function encodeFrame(payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  putFrameHeader(out, 0, payload);
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}
