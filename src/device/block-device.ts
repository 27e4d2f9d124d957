// What a zram device looks like from userspace. The model (ZramDevice) and the real-kernel
// driver (src/kernel) both implement it, so one lock-step harness can drive either.
export interface ZramLike {
  /** `echo value > /sys/block/zramN/attr`; throws ZramError with the kernel's errno. */
  store(attr: string, value: string): void | Promise<void>;
  /** `cat /sys/block/zramN/attr`: the exact kernel text, newline included. */
  show(attr: string): string | Promise<string>;
  /** open(2) O_RDWR|O_DIRECT; returns an fd-like number. Throws EBUSY while a reset runs. */
  open(): number | Promise<number>;
  close(fd: number): void | Promise<void>;
  /** One O_DIRECT pwrite (one bio): returns bytes written; ENOSPC/EINVAL/EIO as the kernel. */
  write(offset: number, data: Uint8Array): number | Promise<number>;
  /** One O_DIRECT pread; returns the bytes read (shorter or empty at the end of the device). */
  read(offset: number, length: number): Uint8Array | Promise<Uint8Array>;
  /** ioctl BLKDISCARD / BLKZEROOUT over [offset, offset+length). */
  discard(offset: number, length: number): void | Promise<void>;
  writeZeroes(offset: number, length: number): void | Promise<void>;
}
