// A first pass over a trace, before a streamed ingest: which device has bios (pickDevice's rule)
// and how far they reach (a bare trace carries no disksize), in constant memory.
import type { MergedRecord } from '../blktrace/merge';
import { actionCode, BLK_TA, isNotify } from '../blktrace/record';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export interface TraceSurvey {
  readonly device: number;  // the single device with Q events (0 when none)
  readonly queued: number;  // its Q events
  readonly extent: number;  // bytes: the highest end of its bios
}

export function surveyTrace(records: Iterable<MergedRecord>): TraceSurvey {
  const ends = new Map<number, { queued: number; extent: bigint }>();
  for (const m of records) {
    const r = m.rec;
    if (isNotify(r) || actionCode(r) !== BLK_TA.QUEUE || r.sector > MAX_SAFE || m.relTime > MAX_SAFE) continue;
    const e = ends.get(r.device) ?? { queued: 0, extent: 0n };
    const end = r.sector * 512n + BigInt(r.bytes);
    ends.set(r.device, { queued: e.queued + 1, extent: end > e.extent ? end : e.extent });
  }
  if (ends.size > 1) {
    const names = [...ends.keys()].map((d) => `${d >>> 20},${d & 0xfffff}`).join(' ');
    throw new RangeError(`trace has Q events for several devices (${names}): choose one`);
  }
  const [device, e] = [...ends.entries()][0] ?? [0, { queued: 0, extent: 0n }];
  return { device, queued: e.queued, extent: Number(e.extent) };
}
