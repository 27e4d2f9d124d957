// Differences the trace cannot settle. When bios that allocate or free overlap in time, the order
// in which zsmalloc served them is not in the trace (zram spec §6.10, item 4): the fold takes the
// trace's order, and where the kernel took the other, the pool's layout differs from then on.
// One test and one wording, for `record --check` (check-view.ts) and the replay report (text.ts).
import { POOL_LAYOUT_FIELDS } from '../device/sample-check';

const LAYOUT_LABELS = POOL_LAYOUT_FIELDS.map((f) => `mm_stat.${f}`);

/** Whether that order explains every difference: some sample differs, writes overlapped, and every
 * differing field (named `file.field`) is one the pool's layout decides. */
export function byAllocationOrder(samplesDiffering: number, overlappingWrites: number,
  differingFields: readonly string[]): boolean {
  return samplesDiffering > 0 && overlappingWrites > 0 && differingFields.every((f) => LAYOUT_LABELS.includes(f));
}

/** The explanation, one sentence (the caller adds its prefix and newline). */
export const allocationOrderNote = (overlappingWrites: number): string =>
  `${overlappingWrites} writes were queued while another was in flight; the order in which zsmalloc ` +
  `served them is not in the trace (zram spec §6.10), and only ${POOL_LAYOUT_FIELDS.join(', ')} differ, ` +
  'which that order decides. Record with one writer (threads=1) for an exact check.';
