// Turns a workload I/O step into per-thread request lists. Random steps are deterministic for
// a seed, and thread t only touches blocks b with b % threads == t: two threads never race on
// one slot, whose order the trace could not show (zram works on a slot under its lock).
import { prngFor } from '../content';
import { PAGE_SIZE } from '../units';
import { PageSource, pageSource, pagesOf } from './contents';
import type { RandStep, RangeStep, SeqStep } from './workload-types';

export type IoKind = 'write' | 'read' | 'discard' | 'zeroout';

export interface IoRequest {
  readonly op: IoKind;
  readonly off: number;
  readonly len: number;
  /** Write data, produced when the request is issued (so plans stay small). */
  readonly data?: () => Uint8Array[];
}

function seqPlan(s: SeqStep): IoRequest[][] {
  const src: PageSource | null = s.content ? pageSource(s.content, s.seed) : null;
  const reqs: IoRequest[] = [];
  for (let done = 0; done < s.size; done += s.bs) {
    const len = Math.min(s.bs, s.size - done);
    const first = done / PAGE_SIZE;
    reqs.push(src ? { op: 'write', off: s.start + done, len, data: () => pagesOf(src, first, len) }
      : { op: 'read', off: s.start + done, len });
  }
  return [reqs];
}

function randPlan(s: RandStep): IoRequest[][] {
  const src = pageSource(s.content, s.seed);
  const blocks = s.size / s.bs;
  const perThread = Math.floor(blocks / s.threads);
  const plans: IoRequest[][] = Array.from({ length: s.threads }, () => []);
  const pagesPerIo = s.bs / PAGE_SIZE;
  for (let k = 0; k < s.count; k++) {
    const t = k % s.threads;
    const rng = prngFor(s.seed, 'randio', k);
    const block = rng.below(perThread) * s.threads + t;
    const off = s.start + block * s.bs;
    const isRead = s.verb === 'randrw' && rng.float() < s.readFraction;
    plans[t].push(isRead ? { op: 'read', off, len: s.bs }
      : { op: 'write', off, len: s.bs, data: () => pagesOf(src, k * pagesPerIo, s.bs) });
  }
  return plans;
}

function rangePlan(s: RangeStep): IoRequest[][] {
  const reqs: IoRequest[] = [];
  for (let done = 0; done < s.len; done += s.stride) {
    reqs.push({ op: s.verb, off: s.off + done, len: Math.min(s.bs, s.len - done) });
  }
  return [reqs];
}

export function planStep(s: SeqStep | RandStep | RangeStep): IoRequest[][] {
  if ('bs' in s && 'content' in s && !('count' in s)) return seqPlan(s);
  if ('count' in s) return randPlan(s);
  return rangePlan(s);
}
