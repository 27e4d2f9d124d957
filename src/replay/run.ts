// The replay driver: folds the events through one Implementation and writes its outputs as a
// stream (nothing per bio is kept: memory is the device state plus the bios in flight).
// Checkpoints come every `every` events, at every kernel sample (carrying the kernel's own
// stats) and at the end. Wall-clock figures go to the timing sink only.
import { bioDelete, bioGet, bioSet, newBioTable, type BioTable } from '../device/bio-table';
import { observationFromTexts, type Observation } from '../device/observe';
import { allocatesOrFrees, type BioOp, type Recorded, type ZramEvent } from '../events/types';
import { PAGE_SIZE } from '../units';
import { peakRss } from './peak-rss';
import { BadInputError } from './bad-input';
import { readDigest } from './content-digest';
import { isInjected, isReplaced, knobOption } from './knobs';
import type { Implementation, Result } from './implementation';
import {
  bioRecord, checkpointRecord, deviceStats, eventRecord, type CheckpointReason, type DeviceStats, type OutputEnd,
  type OutputHeader, type OutputRecord,
} from './outputs';
import { bioTimingRecord, summaryRecord, type TimingRecord } from './timing';

export interface ReplaySinks {
  output(r: OutputRecord): void;
  timing(t: TimingRecord): void;
}

export interface RunOptions {
  readonly header: Omit<OutputHeader, 'implementation'>;
  /** The driver's state to continue from (a fold snapshot's); mutated as the fold goes. */
  readonly state?: DriverState;
  readonly every: number;            // 0: no periodic checkpoints
  readonly pace?: boolean;           // sleep to the trace's timing
  readonly onEvent?: (count: number) => void;
  /** 'end': only the last checkpoint carries the state digest, the others "" (outputs nobody
   * writes: the report reads the last one's only). Default 'all'. */
  readonly digests?: 'all' | 'end';
  /** Sees each event before the implementation does; throws to stop the replay (bad input). */
  readonly check?: (r: Recorded<ZramEvent>) => void;
}

/** `alloc`: allocatesOrFrees(op). */
interface Queued { readonly sector: number; readonly bytes: number; readonly ts: number; readonly alloc: boolean }

/** What the driver remembers between events: bios in flight, the counts, the last event. */
export interface DriverState {
  /** Bios queued and not yet completed (a BioTable: most complete before the next is queued). */
  readonly queued: BioTable<Queued>;
  readonly counts: OutputEnd;
  pages: number;
  last: Recorded<ZramEvent> | null;
  /** Of the bios in flight, those that allocate or free; and how many were queued while another
   * such bio was in flight (the order zsmalloc served them in is not in the trace). */
  allocating: number;
  overlappingWrites: number;
}

export const newDriverState = (): DriverState => ({ queued: newBioTable(),
  counts: { events: 0, bios: 0, checkpoints: 0 }, pages: 0, last: null, allocating: 0, overlappingWrites: 0 });

class Driver {
  constructor(readonly impl: Implementation, readonly sinks: ReplaySinks, readonly s: DriverState) {}
  get counts(): OutputEnd { return this.s.counts; }

  queue(bioId: number, op: BioOp, sector: number, bytes: number, ts: number): void {
    const alloc = allocatesOrFrees(op);
    if (alloc && this.s.allocating > 0) this.s.overlappingWrites++;
    this.dequeue(bioId); // an id queued again: the newest wins
    if (alloc) this.s.allocating++;
    bioSet(this.s.queued, bioId, { sector, bytes, ts, alloc });
  }

  /** The queued bio `bioId`, no longer in flight. */
  dequeue(bioId: number): Queued | undefined {
    const q = bioGet(this.s.queued, bioId);
    if (q) {
      bioDelete(this.s.queued, bioId);
      if (q.alloc) this.s.allocating--;
    }
    return q;
  }

  emitResult(r: Recorded<ZramEvent>, res: Result, t0: number): void {
    if (res.kind === 'event') { this.sinks.output(eventRecord(r.seq, res.event, res.attr, res.status)); return; }
    // the clock is read again only for a bio's result: the other events have no timing record
    const serviceNs = Math.round((performance.now() - t0) * 1e6);
    const q = this.dequeue(res.bioId);
    const q2cNs = q && r.event.type === 'BioCompleted' ? Math.max(0, r.ts - q.ts) : 0;
    const digest = res.status !== 'ok' ? '' : res.digest ?? (res.data ? readDigest(res.data) : '');
    const bytes = q ? q.bytes : 0;
    this.sinks.output(bioRecord(r.seq, res.bioId, res.op, res.status, q ? q.sector : 0, bytes, digest, q2cNs));
    this.sinks.timing(bioTimingRecord(r.seq, res.bioId, res.op, serviceNs));
    this.counts.bios++;
    if (res.op === 'read' || res.op === 'write') this.s.pages += bytes / PAGE_SIZE;
  }

  /** A checkpoint now; a Promise only when the implementation answers asynchronously (a real device). */
  checkpoint(r: Recorded<ZramEvent> | null, reason: CheckpointReason, kernel: DeviceStats | null,
    digest = true): Promise<void> | void {
    const o = this.impl.observe(digest);
    const emit = (obs: Observation): void => {
      this.sinks.output(checkpointRecord(r?.seq ?? 0, r?.ts ?? 0, reason, obs, kernel));
      this.counts.checkpoints++;
    };
    if (o instanceof Promise) return o.then(emit);
    emit(o);
  }
}

/** `events` may be synchronous (a local log: no await per event on the way in) or async. */
export async function runReplay(impl: Implementation,
  events: Iterable<Recorded<ZramEvent>> | AsyncIterable<Recorded<ZramEvent>>, sinks: ReplaySinks,
  opts: RunOptions): Promise<OutputEnd> {
  const d = new Driver(impl, sinks, opts.state ?? newDriverState());
  const start = process.hrtime.bigint();
  const h = opts.header;
  sinks.output({ header: { format: h.format, version: h.version, toolVersion: h.toolVersion, implementation: impl.name,
    inputDigest: h.inputDigest, inputName: h.inputName, options: h.options } });
  const pacer = opts.pace ? new Pacer() : null;
  const digests = opts.digests !== 'end';
  // Each step is synchronous unless something must be awaited (pacing, a real device, a
  // checkpoint of one, a pause for the event loop): a Promise per event was a tenth of a replay.
  const finish = (r: Recorded<ZramEvent>, res: Result | null, t0: number): Promise<void> | void => {
    const e = r.event;
    if (isInjected(r)) { checkKnob(r, res, true); return; } // a knob store: no output record of its own
    if (isReplaced(r)) checkKnob(r, res, false);
    if (res) d.emitResult(r, res, t0);
    d.counts.events++;
    d.s.last = r;
    let cp: Promise<void> | void = undefined;
    if (e.type === 'KernelStatSampled') cp = d.checkpoint(r, 'sample', deviceStats(observationFromTexts(e)), digests);
    else if (opts.every > 0 && d.counts.events % opts.every === 0) cp = d.checkpoint(r, 'every', null, digests);
    // a fold of synchronous steps never reaches the event loop: let signals and timers in
    const pause = (d.counts.events & 4095) === 0;
    if (!cp && !pause) { opts.onEvent?.(d.counts.events); return; }
    return (async () => {
      await cp;
      opts.onEvent?.(d.counts.events);
      if (pause) await new Promise((res) => setImmediate(res));
    })();
  };
  const apply = (r: Recorded<ZramEvent>): Promise<void> | void => {
    const e = r.event;
    if (e.type === 'BioQueued') d.queue(e.bioId, e.op, e.sector, e.bytes, r.ts);
    const t0 = performance.now(); // a double, not a BigInt per call: two per event add up
    const applied = impl.apply(r);
    if (applied instanceof Promise) return applied.then((res) => finish(r, res, t0));
    return finish(r, applied, t0); // the model answers at once
  };
  const check = opts.check;
  const step = (r: Recorded<ZramEvent>): Promise<void> | void => {
    check?.(r);
    return pacer ? pacer.wait(r.ts).then(() => apply(r)) : apply(r);
  };
  if (Symbol.asyncIterator in events) {
    for await (const r of events) await step(r);
  } else {
    for (const r of events) {
      const p = step(r);
      if (p) await p;
    }
  }
  await d.checkpoint(d.s.last, 'end', null);
  // overlappingWrites only where some were: the end line of a single-writer replay stays as it was
  const overlapping = d.s.overlappingWrites;
  const end: OutputEnd = { ...d.counts, ...(overlapping > 0 ? { overlappingWrites: overlapping } : {}) };
  sinks.output({ end });
  sinks.timing(summaryRecord({ implementation: impl.name, wallNs: Number(process.hrtime.bigint() - start),
    events: d.counts.events, pages: d.s.pages, peakRss: peakRss() }));
  return end;
}

/** A store an option made that the device refuses for its value is bad input, named by the option.
 * (A replaced store may fail for other reasons as it did when recorded, e.g. EBUSY: that is kept.) */
function checkKnob(r: Recorded<ZramEvent>, res: Result | null, injected: boolean): void {
  if (!res || res.status === 'ok' || r.event.type !== 'AttrStored') return;
  if (!injected && res.status !== 'EINVAL' && res.status !== 'ENOMEM') return;
  const option = `${knobOption(r.event.attr)} '${r.event.value.trim()}'`;
  throw new BadInputError(`${option}: the device refused it (${res.status})`);
}

/** --pace: holds each event back until its trace time, counted from the first event. */
class Pacer {
  private first: number | null = null;
  private readonly wallStart = process.hrtime.bigint();
  async wait(ts: number): Promise<void> {
    this.first ??= ts;
    const dueNs = ts - this.first - Number(process.hrtime.bigint() - this.wallStart);
    if (dueNs > 1e6) await new Promise((res) => setTimeout(res, Math.floor(dueNs / 1e6)));
  }
}
