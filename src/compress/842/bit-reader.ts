// Reads an 842 stream's bits, most significant bit of each byte first.

export class BitReader {
  private bit = 0;

  constructor(private readonly src: Uint8Array) {}

  /** The next `n` (1..32) bits as an unsigned number, or -1 if the input ends first. */
  read(n: number): number {
    if (this.bit + n > this.src.length * 8) return -1;
    let v = 0;
    while (n > 0) {
      const byte = this.src[this.bit >> 3];
      const used = this.bit & 7;
      const take = n < 8 - used ? n : 8 - used;
      const bits = (byte >> (8 - used - take)) & ((1 << take) - 1);
      v = v * (1 << take) + bits; // not <<: 32-bit values stay unsigned
      this.bit += take;
      n -= take;
    }
    return v;
  }
}
