// A bundle's contents and slot frees, worked out before its trace is ingested: which bios the
// recorder issued, the plan of every other write (content-plan.ts), the inferred slot frees
// (slot-frees.ts), the write-zeroes decisions (write-zeroes.ts), the notify_free check
// (free-check.ts) and the stats of all of it (stats.ts). Pure: the caller reads the files.
import { RequestMatcher, requestPage } from '../../record/bundle-match';
import type { IoEntry, OpEntry } from '../../record/oplog';
import type { StatSample } from '../../record/sampler';
import { PAGE_SIZE, SECTOR_SIZE } from '../../units';
import { type BioSpan, wholePages } from '../bio-timeline';
import { tieCaptures, type Captures } from './captures';
import { planExternalWrites, type WritePlan } from './content-plan';
import { checkNotifyFree, type TimedFrees } from './free-check';
import { pageWrites } from './page-writes';
import { sampleCounters } from './sample-counters';
import { inferSlotFrees, type InferredFree } from './slot-frees';
import { ContentTally, PAGE_REASONS, REASON_CODES } from './stats';
import type { ContentStats, InputStats, SlotFreeStats } from './stats';
import { swapOps } from './swap-ops';
import { inferWriteZeroes } from './write-zeroes';

export const STAND_IN = 'the bytes the first read-back after the write saw, where one did; ' +
  'else a synthetic text.english page (src/content, seed 0, index = device page)';

export interface BundleFacts {
  readonly mode: 'exact' | 'approximate' | 'captured' | 'none' | string;
  readonly bios: readonly BioSpan[];
  readonly ops: readonly OpEntry[];
  readonly samples: readonly StatSample[];
  readonly zeroStore: number;           // PageStore number of the all-zero page, -1 if none
  readonly storePages: number;          // pages in the PageStore (pages.sha256 lines)
  readonly diskPages: number;           // the device's 4 KiB pages (slot numbers are below it)
  readonly freshDevice: boolean;        // notify_free started at 0
}

export type { InputStats };

export interface Analysis {
  readonly own: ReadonlyMap<number, IoEntry>;   // bioId -> the recorder's request (writes, zero-outs)
  readonly plans: ReadonlyMap<number, WritePlan>;
  readonly frees: readonly InferredFree[];
  readonly zeroes: ReadonlySet<number>;         // bios replayed as write-zeroes
  readonly captures: Captures;
  readonly stats: InputStats;
}

function ownRequests(f: BundleFacts, ios: readonly IoEntry[]): Map<number, IoEntry> {
  const mine = ios.filter((e) => !e.capture);
  const m = new RequestMatcher(mine, ['write', 'zeroout'], f.mode === 'captured');
  const own = new Map<number, IoEntry>();
  for (const b of f.bios) {
    if (b.op !== 'write') continue;
    const key = { bioId: b.bioId, op: b.op, sector: b.sector, bytes: b.bytes, time: b.q, pid: b.pid };
    const e = f.mode === 'captured' ? m.find(key) : m.match(key);
    if (e) own.set(b.bioId, e);
  }
  return own;
}

function discardFrees(bios: readonly BioSpan[]): TimedFrees[] {
  return bios.filter((b) => b.op === 'discard').map((b) => ({ at: b.q, pages: wholePages(b.sector, b.bytes).count }));
}

function tally(f: BundleFacts, a: Omit<Analysis, 'stats'>): ContentStats {
  const t = new ContentTally(f.mode, STAND_IN);
  for (const b of f.bios) {
    if (b.op !== 'write') continue;
    const n = Math.ceil(b.bytes / PAGE_SIZE);
    const own = a.own.get(b.bioId);
    if (own) { if (own.op === 'write') t.add('recorded', n); continue; }
    if (a.zeroes.has(b.bioId)) { t.add('write-zeroes', n); continue; }
    const plan = a.plans.get(b.bioId);
    if (plan) for (const r of plan.reasons) t.add(REASON_CODES[r]);
  }
  return t.stats();
}

/** Candidates for write-zeroes: external writes none of whose pages is known to hold anything but
 * zeros (exact or inferred non-zero bytes). Unknown pages are no evidence against: mkfs zeroes a
 * range and writes into it at once, so those pages' read-backs saw the later bytes. */
function zeroCandidates(f: BundleFacts, plans: ReadonlyMap<number, WritePlan>): number[] {
  const out: number[] = [];
  for (const [id, p] of plans) {
    const known = (i: number): boolean => PAGE_REASONS[REASON_CODES[p.reasons[i]]] !== 'unknown';
    const against = p.stores.some((s, i) => s !== f.zeroStore && known(i));
    if (p.stores.length > 0 && !against) out.push(id);
  }
  return out.sort((x, y) => x - y);
}

function slotFreeStats(frees: readonly InferredFree[], checks: SlotFreeStats['checks']): SlotFreeStats {
  const n = (p: (x: InferredFree) => boolean): number => frees.filter(p).length;
  return { inferred: frees.length, fromSwapIn: n((x) => x.source === 'swapIn'),
    fromRelease: n((x) => x.source === 'release'), fromSwapoff: n((x) => x.source === 'swapoff'),
    busy: n((x) => x.busy), checks };
}

/** For a bundle of mode `exact` or `captured` (approximate and none: see bundle-read). */
export function analyseBundle(f: BundleFacts): Analysis {
  const ios = f.ops.filter((o): o is IoEntry => o.kind === 'io');
  const own = ownRequests(f, ios);
  const captures = tieCaptures(f.bios, ios, f.storePages);
  const writes = pageWrites(f.bios);
  const swap = swapOps(f.ops, f.diskPages);
  const counters = sampleCounters(f.samples);
  const frees = inferSlotFrees(f.bios, swap, captures, writes, counters);
  const ownStore = new Map<number, (i: number) => number>();
  for (const [id, e] of own) {
    const b = f.bios[id];
    ownStore.set(id, e.op === 'zeroout' ? () => f.zeroStore : (i) => requestPage(e, b, i));
  }
  const plans = planExternalWrites({ bios: f.bios, own: ownStore, captures, writes, frees, zeroStore: f.zeroStore });
  const knownZeroes = new Set([...own].filter(([, e]) => e.op === 'zeroout').map(([id]) => id));
  const otherFrees: TimedFrees[] = [...frees.map((x) => ({ at: x.at, pages: 1 })), ...discardFrees(f.bios)];
  const captured = f.mode === 'captured';
  const wz = captured ? inferWriteZeroes({ bios: f.bios, samples: counters, candidates: zeroCandidates(f, plans),
    knownZeroes, otherFrees }) : null;
  const zeroes = new Set([...knownZeroes, ...(wz?.bios ?? [])]);
  const zeroFrees = [...zeroes].map((id) => f.bios[id])
    .map((b) => ({ at: b.q, pages: wholePages(b.sector, b.bytes).count }));
  const partial = { own, plans, frees, zeroes, captures };
  const slotFrees = captured || swap.any
    ? slotFreeStats(frees, checkNotifyFree(counters, [...otherFrees, ...zeroFrees], f.freshDevice ? 0 : null)) : null;
  return { ...partial, stats: { contents: tally(f, partial), slotFrees, writeZeroes: wz?.stats ?? null } };
}

/** The device page a bio's page i is. */
export const bioPage = (b: Pick<BioSpan, 'sector'>, i: number): number =>
  Math.floor((b.sector * SECTOR_SIZE) / PAGE_SIZE) + i;
