// Builds a Report from an outputs stream (and, optionally, its timing stream), one record at a
// time: memory is bounded whatever the length of the replay (histograms, a thinned timeline,
// per-field counters). Pure.
import type { BioResult, Checkpoint, DeviceStats, EventResult, OutputHeader, OutputRecord } from '../replay/outputs';
import type { TimingRecord, TimingSummary } from '../replay/timing';
import { Histogram } from '../latency/histogram';
import { byAllocationOrder } from './allocation-order';
import { backendInfo } from './backend';
import { CompactionNotes } from './compaction-notes';
import { KernelSamples } from './kernel-samples';
import type { Compression, EventFailures, LatencyTable, OpFailures, Report } from './model';
import { Timeline } from './timeline';

const PAGE = 4096;
const OP_ORDER = ['read', 'write', 'discard', 'write_zeroes', 'flush'];

export class ReportBuilder {
  private header: OutputHeader | null = null;
  private complete = false;
  private events = 0;
  private overlappingWrites = 0;
  private checkpoints = 0;
  private final: Report['final'] = null;
  private peak: { seq: number; stats: DeviceStats } | null = null; // the checkpoint with the most data stored
  private readonly kernel = new KernelSamples();
  private readonly compaction = new CompactionNotes();
  private readonly timeline = new Timeline();
  private readonly bioFailures = new Map<string, OpFailures>();
  private readonly eventFailures = new Map<string, EventFailures>();
  private readonly q2c = new Map<string, Histogram>();
  private readonly service = new Map<string, Histogram>();
  private speed: TimingSummary | null = null;
  private algorithmsSeen: string[] | null = null;

  /** The comp_algorithm values the replayed input stored (the session sees them; files do not). */
  setAlgorithmsSeen(algs: readonly string[]): void {
    this.algorithmsSeen = [...algs];
  }

  add(r: OutputRecord): void {
    if ('header' in r) this.header = r.header;
    else if ('bio' in r) this.addBio(r.bio);
    else if ('event' in r) this.addEvent(r.event);
    else if ('checkpoint' in r) this.addCheckpoint(r.checkpoint);
    else { this.complete = true; this.events = r.end.events; this.overlappingWrites = r.end.overlappingWrites ?? 0; }
  }

  addTiming(t: TimingRecord): void {
    if ('bio' in t) histogramFor(this.service, t.bio.op).add(t.bio.serviceNs);
    else this.speed = t.summary;
  }

  /** A model's per-bio time is how fast this tool runs, not zram's latency; a real device's
   * (a replay onto a kernel zram device) is the kernel's latency as the replay saw it. */
  private modelTiming(): boolean {
    return this.speed !== null && this.speed.implementation.startsWith('model');
  }

  build(): Report {
    if (!this.header) throw new Error('report: the outputs had no header');
    const bios = [...this.bioFailures.values()].sort(byOp);
    const peak = this.peakCompression();
    const k = this.kernel.result();
    const differing = k.fields.filter((f) => f.mismatches > 0).map((f) => f.field);
    const order = { overlappingWrites: this.overlappingWrites,
      allocationOrder: byAllocationOrder(k.samples - k.exact, this.overlappingWrites, differing) };
    return {
      header: this.header, backend: backendInfo(this.header, this.algorithmsSeen), complete: this.complete, events: this.events, bios: bios.reduce((n, b) => n + b.bios, 0),
      checkpoints: this.checkpoints, final: this.final, compression: this.final ? compression(this.final.stats) : null,
      ...(peak ? { compressionPeak: peak } : {}),
      kernel: { ...k, ...order, ...this.compaction.result() },
      failures: { bios, events: [...this.eventFailures.values()] },
      timeline: [...this.timeline.all], latency: this.latencyTables(), cdf: this.cdfs(), speed: this.toolSpeed(),
    };
  }

  private addBio(b: BioResult): void {
    const f = this.bioFailures.get(b.op) ?? { op: b.op, bios: 0, failed: 0, statuses: {} };
    this.bioFailures.set(b.op, f);
    f.bios++;
    if (b.status !== 'ok') { f.failed++; f.statuses[b.status] = (f.statuses[b.status] ?? 0) + 1; }
    if (b.q2cNs > 0) histogramFor(this.q2c, b.op).add(b.q2cNs);
  }

  private addEvent(e: EventResult): void {
    this.compaction.event(e);
    const key = e.attr ? `${e.kind} ${e.attr}` : e.kind;
    const f = this.eventFailures.get(key) ?? { event: key, count: 0, failed: 0, statuses: {} };
    this.eventFailures.set(key, f);
    f.count++;
    if (e.status !== 'ok') { f.failed++; f.statuses[e.status] = (f.statuses[e.status] ?? 0) + 1; }
  }

  private addCheckpoint(c: Checkpoint): void {
    this.checkpoints++;
    this.kernel.add(c);
    this.compaction.checkpoint(c);
    this.timeline.add(c);
    this.final = { seq: c.seq, stats: c.stats, digest: c.digest };
    const most = this.peak?.stats.mmStat.origDataSize ?? -1;
    if (c.stats.mmStat.origDataSize > most) this.peak = { seq: c.seq, stats: c.stats };
  }

  /** Compression where the most data was stored, when the device ends with less (a swap recording
   * ends empty after swapoff, a filesystem after fstrim): the end alone would mislead. */
  private peakCompression(): Report['compressionPeak'] {
    const p = this.peak;
    if (!p || !this.final || p.stats.mmStat.origDataSize <= this.final.stats.mmStat.origDataSize) return undefined;
    return { seq: p.seq, ...compression(p.stats) };
  }

  private latencyTables(): Report['latency'] {
    const out = [latencyTable('kernel Q2C (trace)', this.q2c)];
    if (this.speed !== null && !this.modelTiming()) {
      out.push(latencyTable(`kernel service time (replay on ${this.speed.implementation})`, this.service));
    }
    return out;
  }

  private cdfs(): Report['cdf'] {
    const out: Report['cdf'] = sortedOps(this.q2c).map(([op, h]) => ({ source: 'kernel Q2C', op, points: h.cdf() }));
    if (this.speed !== null && !this.modelTiming()) {
      const source = `kernel service (${this.speed.implementation})`;
      for (const [op, h] of sortedOps(this.service)) out.push({ source, op, points: h.cdf() });
    }
    return out;
  }

  private toolSpeed(): Report['speed'] {
    const s = this.speed;
    if (s === null) return null;
    return { implementation: s.implementation, wallNs: s.wallNs, events: s.events,
      eventsPerSec: s.wallNs > 0 ? Math.round((s.events * 1e9) / s.wallNs) : null,
      perBio: this.modelTiming() ? latencyTable(`${s.implementation} run time per bio`, this.service) : null };
  }
}

function latencyTable(source: string, m: Map<string, Histogram>): LatencyTable {
  return { source, ops: sortedOps(m).map(([op, h]) => ({ op, percentiles: h.summary() })) };
}

function histogramFor(m: Map<string, Histogram>, op: string): Histogram {
  let h = m.get(op);
  if (!h) { h = new Histogram(); m.set(op, h); }
  return h;
}

const opRank = (op: string): number => { const i = OP_ORDER.indexOf(op); return i < 0 ? OP_ORDER.length : i; };
const byOp = (a: { op: string }, b: { op: string }): number => opRank(a.op) - opRank(b.op) || (a.op < b.op ? -1 : 1);
const sortedOps = (m: Map<string, Histogram>): [string, Histogram][] => [...m.entries()].sort((a, b) => byOp({ op: a[0] }, { op: b[0] }));

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

export function compression(s: DeviceStats): Compression {
  const m = s.mmStat;
  const pagesStored = m.origDataSize / PAGE;
  return {
    pagesStored, origToCompr: ratio(m.origDataSize, m.comprDataSize), origToMemUsed: ratio(m.origDataSize, m.memUsedTotal),
    sameFraction: ratio(m.samePages, pagesStored), hugeFraction: ratio(m.hugePages, pagesStored),
  };
}
