// mem_limit_store() and mem_used_max_store() (zram-6.18.md §2.5, §2.6).
import type { Errno } from '../../errors';
import { PAGE_SIZE } from '../../units';
import { initDone, type DeviceState } from '../state';
import { kstrtoull, memparse } from './parse';

export function memLimitStore(s: DeviceState, buf: string): Errno | null {
  const r = memparse(buf);
  if (r.end === 0) return 'EINVAL'; // no digits parsed
  s.limitPages = Number((r.value + BigInt(PAGE_SIZE - 1)) / BigInt(PAGE_SIZE));
  return null;
}

export function memUsedMaxStore(s: DeviceState, buf: string): Errno | null {
  const r = kstrtoull(buf);
  if (!r.ok || r.value !== 0n) return 'EINVAL';
  if (initDone(s)) s.stats.maxUsedPages = s.pool!.totalPages();
  return null;
}
