// Pieces the designs share: the reset attribute's parse (the same order in every era: kstrtou16,
// then 0 → EINVAL, then the busy checks) and plain open/close bookkeeping.
import type { Errno } from '../../errors';
import { kstrtou16 } from '../sysfs/parse';
import type { DeviceState } from '../state';

export function parseResetValue(value: string): Errno | null {
  const r = kstrtou16(value);
  if (!r.ok) return r.errno;
  return r.value === 0 ? 'EINVAL' : null;
}

export function openFd(s: DeviceState, fd: number): Errno | null {
  if (s.openers.has(fd)) return 'EBADF';
  s.openers.add(fd);
  return null;
}

export function closeFd(s: DeviceState, fd: number): Errno | null {
  return s.openers.delete(fd) ? null : 'EBADF';
}

/** Sysfs stores that take init_lock for writing (the rest take it for reading). */
export const WRITE_LOCKED_STORES: ReadonlySet<string> = new Set(['disksize', 'comp_algorithm', 'algorithm_params', 'mem_limit']);
