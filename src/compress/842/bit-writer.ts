// sw842_compress's output: bits appended most significant first; unused low bits of the last
// byte are zero, then zero bytes pad the length to a multiple of 8. A null `dst` only counts.

export class BitWriter {
  private acc = 0;
  private nacc = 0;
  length = 0;
  overflow = false;

  constructor(private readonly dst: Uint8Array | null, private readonly cap: number) {}

  /** Appends the low `n` (0..32) bits of `v`. */
  put(v: number, n: number): void {
    while (n > 0) {
      const take = n < 8 - this.nacc ? n : 8 - this.nacc;
      this.acc = (this.acc << take) | ((v >>> (n - take)) & ((1 << take) - 1));
      this.nacc += take;
      n -= take;
      if (this.nacc === 8) this.byte(this.acc);
    }
  }

  private byte(b: number): void {
    if (this.length >= this.cap) this.overflow = true;
    else if (this.dst) this.dst[this.length] = b;
    this.length++;
    this.acc = 0;
    this.nacc = 0;
  }

  /** Closes the last byte and pads to 8 bytes; the length, or -1 if `cap` was too small
   * (the kernel's -ENOSPC). */
  finish(): number {
    if (this.nacc > 0) this.byte(this.acc << (8 - this.nacc));
    while (this.length % 8 !== 0) this.byte(0);
    return this.overflow ? -1 : this.length;
  }
}
