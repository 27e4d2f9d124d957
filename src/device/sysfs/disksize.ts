// disksize_store(): memparse; 0 → EINVAL; initialised → EBUSY; round up to a page; allocate the
// slot table and the pool (zram-6.18.md §2.2). Statistics are not cleared here.
import { setupParams } from '../../compress/params';
import type { Errno } from '../../errors';
import { PAGE_SIZE } from '../../units';
import type { ZsPool } from '../../zsmalloc/types';
import { createSlotTable } from '../slots';
import { initDone, type DeviceState } from '../state';
import { memparse } from './parse';

/** The model keeps one typed-array entry per page; beyond this it answers ENOMEM like a kernel
 * whose vzalloc of the table fails (the real limit depends on the machine's memory). */
export const MODEL_MAX_DISKSIZE = 2 ** 40;

/** huge_class_size: the smallest request that lands in a one-object-per-zspage class. */
function hugeClassSize(pool: ZsPool): number {
  for (let n = 1; n <= PAGE_SIZE; n++) if (pool.classFor(n).objsPerZspage === 1) return n;
  return PAGE_SIZE;
}

export function disksizeStore(s: DeviceState, buf: string): Errno | null {
  const v = memparse(buf).value;
  if (v === 0n) return 'EINVAL';
  if (initDone(s)) return 'EBUSY';
  const size = Math.ceil(Number(v) / PAGE_SIZE) * PAGE_SIZE;
  if (v > BigInt(MODEL_MAX_DISKSIZE)) return 'ENOMEM';
  const params = setupParams(s.compAlgorithm, s); // zcomp_create, after zram_meta_alloc
  if (params === 'EINVAL') return 'EINVAL';
  s.slots = createSlotTable(size / PAGE_SIZE);
  s.pool = s.deps.createPool();
  if (s.hugeClassSize === 0) s.hugeClassSize = hugeClassSize(s.pool); // computed once, first pool
  s.initParams = params;
  s.disksize = size;
  return null;
}
