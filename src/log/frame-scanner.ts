// Splits a byte source into checked frames, reading it in chunks: memory stays at one chunk
// (default 64 KiB; 1 MiB for a log read to fold), or one record if a record is larger, never the
// whole file.
import { LogCorruptError } from './errors';
import { verifyFramesAddon } from './crc32c';
import { FRAME_HEADER_BYTES, MAX_RECORD_BYTES, payloadCrc } from './frame';
import type { ByteSource } from './byte-source';

export const DEFAULT_CHUNK_BYTES = 64 * 1024;

/** Valid until the next call of next(): the scanner reuses the object (one per frame was a
 * share of a replay's garbage), and the payload is a view of its buffer. */
export interface Frame {
  readonly offset: number;     // file offset of the frame header
  readonly end: number;        // file offset just past the payload
  readonly payload: Uint8Array;
}

export class FrameScanner {
  private buf: Buffer;
  private bufPos: number; // file offset of buf[0]
  private len = 0;        // valid bytes in buf
  private cur = 0;        // index in buf of the next frame
  /** Counts the times bytes already read may have been overwritten (moved down, or a new buffer):
   * a view of a payload taken in one generation stays valid while the generation is the same. */
  generation = 0;
  /** Index in buf up to which whole frames were CRC-checked in one go (verifyFramesAddon): a frame
   * ending there or before needs no check of its own. A call per frame was 5% of a replay. */
  private verifiedTo = 0;
  private readonly frame: { offset: number; end: number; payload: Uint8Array } =
    { offset: 0, end: 0, payload: new Uint8Array(0) };

  constructor(private readonly src: ByteSource, chunkBytes = DEFAULT_CHUNK_BYTES, start = 0,
    private readonly checkCrc = true) {
    this.buf = Buffer.allocUnsafe(Math.max(chunkBytes, FRAME_HEADER_BYTES));
    this.bufPos = start;
  }

  /** File offset of the next frame (the end of the last whole one). */
  get offset(): number {
    return this.bufPos + this.cur;
  }

  /** Current buffer capacity: the reader's whole per-file memory besides the page table. */
  get bufferBytes(): number {
    return this.buf.length;
  }

  /** The next whole, CRC-checked frame; null at a clean end of file (on a frame boundary). */
  next(): Frame | null {
    const offset = this.offset;
    const head = this.fill(FRAME_HEADER_BYTES);
    if (head === 0) return null;
    if (head < FRAME_HEADER_BYTES) this.corrupt(offset, 'an 8-byte frame header', `${head} bytes before end of file (torn tail)`);
    const length = this.buf.readUInt32LE(this.cur);
    const crc = this.buf.readUInt32LE(this.cur + 4);
    if (length > MAX_RECORD_BYTES) this.corrupt(offset, `a record length <= ${MAX_RECORD_BYTES}`, `length ${length}`);
    const have = this.fill(FRAME_HEADER_BYTES + length) - FRAME_HEADER_BYTES;
    if (have < length) this.corrupt(offset, `${length} payload bytes`, `${have} before end of file (torn tail)`);
    const start = this.cur + FRAME_HEADER_BYTES;
    // a plain view: Buffer#subarray made a Buffer per frame (the JS offset checks and a FastBuffer)
    const payload = new Uint8Array(this.buf.buffer, this.buf.byteOffset + start, length);
    if (this.checkCrc && start + length > this.verifiedTo) {
      const verify = verifyFramesAddon;
      if (verify !== null) this.verifiedTo = verify(this.buf, this.cur, this.len, MAX_RECORD_BYTES);
      if (start + length > this.verifiedTo) { // no addon, or this frame is where it stopped
        const actual = payloadCrc(payload);
        if (actual !== crc) this.corrupt(offset, `CRC32C ${hex(crc)} of the ${length}-byte payload`, `${hex(actual)}`);
      }
    }
    this.cur = start + length;
    const f = this.frame;
    f.offset = offset; f.end = this.offset; f.payload = payload;
    return f;
  }

  /** `length` bytes at file `position` (earlier in the file), read into a new array (or into
   * `into`, reused by the caller); fewer at its end. */
  readAt(position: number, length: number, into?: Uint8Array): Uint8Array {
    const out = into !== undefined && into.length >= length ? into.subarray(0, length) : new Uint8Array(length);
    let got = 0;
    while (got < length) {
      const n = this.src.read(out, got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
    return got === length ? out : out.subarray(0, got);
  }

  /** Makes `n` bytes available from `cur` if the source has them; returns how many are. */
  private fill(n: number): number {
    if (this.len - this.cur >= n) return n;
    if (this.cur > 0) {
      this.generation++;
      this.verifiedTo = Math.max(0, this.verifiedTo - this.cur);
      this.buf.copyWithin(0, this.cur, this.len);
      this.len -= this.cur;
      this.bufPos += this.cur;
      this.cur = 0;
    }
    if (this.buf.length < n) this.grow(n);
    while (this.len < n) {
      const got = this.src.read(this.buf, this.len, this.buf.length - this.len, this.bufPos + this.len);
      if (got === 0) break;
      this.len += got;
    }
    return Math.min(n, this.len);
  }

  private grow(n: number): void {
    const bigger = Buffer.allocUnsafe(Math.min(Math.max(n, this.buf.length * 2), MAX_RECORD_BYTES + FRAME_HEADER_BYTES));
    this.buf.copy(bigger, 0, 0, this.len);
    this.buf = bigger;
    this.generation++;
  }

  private corrupt(offset: number, expected: string, found: string): never {
    throw new LogCorruptError(this.src.name, offset, expected, found);
  }
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;
