// What userspace I/O goes through before a bio exists: O_DIRECT alignment, the end of the
// device, and the BLKDISCARD/BLKZEROOUT ioctl checks (zram-6.18.md §4.1, checked live).
import { ZramError } from '../errors';
import { PAGE_SIZE } from '../units';

/** O_DIRECT pwrite/pread (blkdev_write_iter / blkdev_read_iter): returns the byte count that
 * becomes bios. The request is shortened at the end of the device BEFORE the alignment check, so
 * 4608 bytes at disksize-4096 write one page (checked live); at or past the end: ENOSPC / 0. */
export function directIoLength(kind: 'read' | 'write', offset: number, length: number, disksize: number): number {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new ZramError('EINVAL', `bad offset ${offset}`);
  if (length === 0) return 0;
  if (offset >= disksize) {
    if (kind === 'write') throw new ZramError('ENOSPC', `write at ${offset} is at or past the end (${disksize})`);
    return 0;
  }
  const n = Math.min(length, disksize - offset);
  if (offset % PAGE_SIZE !== 0 || n % PAGE_SIZE !== 0) {
    throw new ZramError('EINVAL', `O_DIRECT ${kind} of ${n} bytes at ${offset} is not 4096-aligned`);
  }
  return n;
}

/** blk_ioctl_discard / blk_ioctl_zeroout argument checks. */
export function rangeIoctlCheck(name: string, offset: number, length: number, disksize: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length <= 0 ||
    offset % PAGE_SIZE !== 0 || length % PAGE_SIZE !== 0 || offset + length > disksize) {
    throw new ZramError('EINVAL', `${name} of ${length} bytes at ${offset} on a ${disksize}-byte device`);
  }
}
