// BLKDISCARD and BLKZEROOUT, the two block-device ioctls Node lacks, through the small native
// addon src/kernel/native/blk_range.c (built by `npm run build` into build/native/). In-process:
// no helper process, and the kernel sees the very ioctl a C program would issue on our fd.
import * as os from 'node:os';
import { Errno, ZramError } from '../errors';
import { nativeBuildPath } from '../native-path';

interface Addon {
  rangeIoctl(fd: number, which: 0 | 1, offset: number, length: number): number;
}

/** Where the addon is. */
export const addonPath = (): string | null => nativeBuildPath('blk_range.node');

let addon: Addon | undefined;

function load(): Addon {
  if (addon) return addon;
  const p = addonPath();
  if (!p) throw new Error('build/native/blk_range.node is missing: run `npm run build` (needs cc and Node headers)');
  addon = require(p) as Addon;
  return addon;
}

/** Why the ioctls cannot be issued here, or null when they can. */
export function blkIoctlUnavailable(): string | null {
  try {
    load();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

export function errnoName(errno: number): Errno {
  const name = Object.entries(os.constants.errno).find(([, n]) => n === errno)?.[0];
  return (name ?? 'EIO') as Errno;
}

function rangeIoctl(fd: number, which: 0 | 1, offset: number, length: number): void {
  const err = load().rangeIoctl(fd, which, offset, length);
  if (err !== 0) {
    throw new ZramError(errnoName(err), `ioctl(${which ? 'BLKZEROOUT' : 'BLKDISCARD'}, ${offset}, ${length})`);
  }
}

/** ioctl(fd, BLKDISCARD, {offset, length}). */
export function blkDiscard(fd: number, offset: number, length: number): void {
  rangeIoctl(fd, 0, offset, length);
}

/** ioctl(fd, BLKZEROOUT, {offset, length}). */
export function blkZeroout(fd: number, offset: number, length: number): void {
  rangeIoctl(fd, 1, offset, length);
}
