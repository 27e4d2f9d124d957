// LZ4HC_encodeSequence and the last-literals run: the LZ4 block format (token, literal length,
// literals, LE16 offset, match length). With no `dst` it only counts the bytes.
import { MINMATCH, ML_BITS, ML_MASK, RUN_MASK } from '../lz4/constants';

export class SequenceWriter {
  op = 0;
  private anchor = 0;

  constructor(private readonly src: Uint8Array, private readonly dst: Uint8Array | null) {}

  private length(rest: number): void {
    const d = this.dst;
    for (; rest >= 255; rest -= 255) if (d) d[this.op++] = 255; else this.op++;
    if (d) d[this.op] = rest;
    this.op++;
  }

  private literals(end: number, matchNibble: number): void {
    const len = end - this.anchor;
    const d = this.dst;
    if (d) d[this.op] = (Math.min(len, RUN_MASK) << ML_BITS) | matchNibble;
    this.op++;
    if (len >= RUN_MASK) this.length(len - RUN_MASK);
    if (d) d.set(this.src.subarray(this.anchor, end), this.op);
    this.op += len;
  }

  /** One sequence: the literals since the last match, then the match at `ip` from `ref`. */
  sequence(ip: number, ref: number, matchLen: number): void {
    const code = matchLen - MINMATCH;
    this.literals(ip, Math.min(code, ML_MASK));
    const off = ip - ref;
    if (this.dst) { this.dst[this.op] = off & 0xff; this.dst[this.op + 1] = off >>> 8; }
    this.op += 2;
    if (code >= ML_MASK) this.length(code - ML_MASK);
    this.anchor = ip + matchLen;
  }

  /** The last literal run; returns the block length. */
  finish(_src: Uint8Array, iend: number): number {
    this.literals(iend, 0);
    return this.op;
  }
}
