// Contents of the writes the recorder did not issue (contract rule, traces/README.md): page x of
// such a write W holds the bytes of the first read-back R of x queued after W's C, when nothing
// changed x between W's C and R's C (no other write, discard or write-zeroes bio in flight then,
// no slot free: swap-in, release, swapoff). Otherwise R saw W's bytes only if they differ from
// everything that raced it (a freed slot reads as zeros): `inferred`; else `unknown`, replayed
// with R's bytes, or with a synthetic stand-in when nothing read x back.
import { PAGE_SIZE, SECTOR_SIZE } from '../../units';
import type { BioSpan } from '../bio-timeline';
import { firstCaptureAfter, type Captures } from './captures';
import type { PageWrites } from './page-writes';
import type { InferredFree } from './slot-frees';
import { REASON_CODES, type PageReason } from './stats';

/** Per external write: each page's PageStore number (-1: stand-in) and reason code (REASON_CODES). */
export interface WritePlan { readonly stores: Int32Array; readonly reasons: Uint8Array }

export interface PlanInputs {
  readonly bios: readonly BioSpan[];
  readonly own: ReadonlyMap<number, (i: number) => number>; // the recorder's writes: page i -> store
  readonly captures: Captures;
  readonly writes: PageWrites;
  readonly frees: readonly InferredFree[];
  readonly zeroStore: number;                                // store number of the zero page, -1 if none
}

const code = (r: PageReason): number => REASON_CODES.indexOf(r);
const WILD = -2; // a racer whose bytes are not known

function freesBySlot(frees: readonly InferredFree[]): Map<number, InferredFree[]> {
  const m = new Map<number, InferredFree[]>();
  for (const f of frees) {
    if (f.busy) continue; // a missed free leaves the slot as it was
    const l = m.get(f.slot);
    if (l) l.push(f); else m.set(f.slot, [f]);
  }
  return m;
}

function racerStore(p: PlanInputs, plans: Map<number, WritePlan>, b: BioSpan, x: number): number {
  if (b.op === 'discard') return p.zeroStore;
  const i = x - Math.floor((b.sector * SECTOR_SIZE) / PAGE_SIZE);
  const own = p.own.get(b.bioId);
  if (own) return own(i);
  const plan = plans.get(b.bioId);
  if (!plan) return WILD;
  const r = REASON_CODES[plan.reasons[i]];
  return r === 'read-back' || r === 'read-back-before-free' || r === 'read-back-differs-from-overwrite'
    ? plan.stores[i] : WILD;
}

/** First index in `l` (ascending) whose key is >= k. */
function lowerBound<T>(l: readonly T[], key: (v: T) => bigint | number, k: bigint | number): number {
  let lo = 0;
  let hi = l.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(l[mid]) < k) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Other bios of page x that may have changed it after W began and before `until`: queued
 * before `until`, not completed before W was queued (W's list is in Q order: scan from W). */
function racers(p: PlanInputs, spans: Spans, w: BioSpan, x: number, until: bigint): BioSpan[] {
  const l = p.writes.get(x) ?? [];
  const k = lowerBound(l, (id) => id, w.bioId);
  const out: BioSpan[] = [];
  for (let j = k + 1; j < l.length && p.bios[l[j]].q < until; j++) out.push(p.bios[l[j]]);
  for (let j = k - 1; j >= 0 && p.bios[l[j]].q >= w.q - spans.write; j--) {
    const b = p.bios[l[j]];
    if (b.c === null || b.c > w.q) out.push(b);
  }
  return out;
}

/** The longest Q-to-C span of a write or discard and the longest window of a free: how far back
 * a race can start. */
interface Spans { readonly write: bigint; readonly free: bigint }

function pagePlan(p: PlanInputs, plans: Map<number, WritePlan>, slotFrees: Map<number, InferredFree[]>, spans: Spans,
  w: BioSpan, x: number): [number, PageReason] {
  if (w.c === null) return [-1, 'not-read-back']; // never completed (a damaged trace): nothing to tie
  const wc = w.c;
  const r = firstCaptureAfter(p.captures.byPage.get(x), wc);
  if (!r) return [-1, 'not-read-back'];
  if (r.store < 0) return [-1, 'read-back-failed'];
  const seen: number[] = [];
  let wrote = false;
  for (const b of racers(p, spans, w, x, r.c)) {
    if (b.op === 'write') wrote = true;
    seen.push(b.c === null ? WILD : racerStore(p, plans, b, x));
  }
  const fl = slotFrees.get(x) ?? [];
  for (let j = lowerBound(fl, (f) => f.at, wc - spans.free); j < fl.length && fl[j].at < r.c + spans.free; j++) {
    if (fl[j].hi >= wc && fl[j].lo < r.c) seen.push(p.zeroStore);
  }
  if (seen.length === 0) return [r.store, 'read-back'];
  if (seen.includes(WILD) || seen.includes(r.store)) {
    return [r.store, wrote ? 'overwritten-before-read-back' : 'freed-before-read-back'];
  }
  return [r.store, wrote ? 'read-back-differs-from-overwrite' : 'read-back-before-free'];
}

function spansOf(p: PlanInputs): Spans {
  let write = 0n;
  let free = 0n;
  for (const b of p.bios) {
    if (b.c !== null && (b.op === 'write' || b.op === 'discard') && b.c - b.q > write) write = b.c - b.q;
  }
  for (const f of p.frees) if (f.hi - f.lo > free) free = f.hi - f.lo;
  return { write, free };
}

/** Plans of every write bio not in `own`, latest completion first (a write's racers complete
 * after it, so their plans are known when it is planned); never-completed ones first of all. */
export function planExternalWrites(p: PlanInputs): Map<number, WritePlan> {
  const slotFrees = freesBySlot(p.frees);
  const spans = spansOf(p);
  const plans = new Map<number, WritePlan>();
  const late = (b: BioSpan): bigint => b.c ?? 1n << 64n;
  const ext = p.bios.filter((b) => b.op === 'write' && !p.own.has(b.bioId))
    .sort((a, b) => (late(a) > late(b) ? -1 : late(a) < late(b) ? 1 : b.bioId - a.bioId));
  for (const w of ext) {
    const n = Math.ceil(w.bytes / PAGE_SIZE);
    const x0 = Math.floor((w.sector * SECTOR_SIZE) / PAGE_SIZE);
    const plan = { stores: new Int32Array(n), reasons: new Uint8Array(n) };
    for (let i = 0; i < n; i++) {
      const [store, reason] = pagePlan(p, plans, slotFrees, spans, w, x0 + i);
      plan.stores[i] = store;
      plan.reasons[i] = code(reason);
    }
    plans.set(w.bioId, plan);
  }
  return plans;
}
