// btt's figures from a trace (blktrace.md §3, btt(1)): per I/O stage times Q2Q, Q2G, S2G, G2I, Q2M,
// I2D, M2D, D2C, Q2C with MIN/AVG/MAX/N per device, per process and over all devices, as btt
// computes them, plus the percentiles btt lacks (the one engine, ../latency/histogram.ts):
// - Q, G, S, I, M, D and C with no data (empty flushes) are ignored;
// - a Q whose start sector is already queued on its device is dropped (btt keys queued I/Os by
//   start sector), one overlapping a queued range is counted but not kept; G, S, I and M find the
//   queued Q containing their sector;
// - D and C take every queued Q whose range lies inside theirs; C then retires them;
// - Q2Q counts from the previous Q (per device, per process, and across all devices), 1 ns when
//   the clock did not move; md and dm majors (9, 253, 254, zram's 253 here) report Q2Q and Q2C as
//   Q2Qdm / Q2Cdm, as btt does;
// - seeks: distance from the previous Q's (D's) range, 0 if they overlap, btt's default.
import { Histogram, LatencySummary } from '../latency/histogram';
import { BLK_TA, BlkRecord, devMajor, isNotify } from './record';

export const BTT_ROWS = ['Q2Q', 'Q2G', 'S2G', 'G2I', 'Q2M', 'I2D', 'M2D', 'D2C', 'Q2C'] as const;
export type BttRow = (typeof BTT_ROWS)[number];

export interface BttFigure { n: number; min: bigint; max: bigint; total: bigint; readonly hist: Histogram }

/** One table of figures (a device, a process, or all devices). */
export type BttTable = Map<string, BttFigure>;

interface Queued {
  readonly time: bigint; readonly start: bigint; readonly end: bigint; readonly pid: number;
  g: bigint | null; s: bigint | null; i: bigint | null; m: bigint | null; d: bigint | null;
}

export interface SeekStats {
  n: number; totalSectors: number; readonly dist: Map<number, number>; lastStart: bigint; lastEnd: bigint;
}

export interface BttDevice {
  readonly dev: number;
  readonly table: BttTable;
  readonly q2qSeeks: SeekStats;
  readonly d2dSeeks: SeekStats;
  nQ: number; nD: number; nC: number; cBytes: number;
  first: bigint | null; last: bigint | null;
  lastQ: bigint | null;
  readonly queued: Map<bigint, Queued>;
}

export interface BttResult {
  readonly all: BttTable;
  readonly devices: BttDevice[];
  readonly processes: Map<string, BttTable>;
}

export const remapperDev = (dev: number): boolean => [9, 253, 254].includes(devMajor(dev));
/** btt's row label: Q2Q and Q2C of md/dm majors get a "dm" suffix. */
export const rowLabel = (row: BttRow, dev: number): string =>
  (remapperDev(dev) && (row === 'Q2Q' || row === 'Q2C') ? `${row}dm` : row);

function add(t: BttTable, row: string, ns: bigint): void {
  let f = t.get(row);
  if (!f) { f = { n: 0, min: ns, max: ns, total: 0n, hist: new Histogram() }; t.set(row, f); }
  f.n++;
  if (ns < f.min) f.min = ns;
  if (ns > f.max) f.max = ns;
  f.total += ns;
  f.hist.add(Number(ns));
}

const newSeeks = (): SeekStats => ({ n: 0, totalSectors: 0, dist: new Map(), lastStart: 0n, lastEnd: 0n });

function seek(s: SeekStats, start: bigint, end: bigint): void {
  let d: bigint;
  if ((s.lastStart <= start && start <= s.lastEnd) || (s.lastStart <= end && end <= s.lastEnd)) d = 0n;
  else if (start > s.lastEnd) d = start - s.lastEnd;
  else d = start - s.lastStart;
  s.lastStart = start;
  s.lastEnd = end;
  const a = Number(d < 0n ? -d : d);
  s.n++;
  s.totalSectors += a;
  s.dist.set(a, (s.dist.get(a) ?? 0) + 1);
}

export class Btt {
  private readonly all: BttTable = new Map();
  private readonly devs = new Map<number, BttDevice>();
  private readonly procs = new Map<string, BttTable>();
  private readonly procLastQ = new Map<string, bigint>();
  private lastQ: bigint | null = null;

  constructor(private readonly names: ReadonlyMap<number, string> = new Map()) {}

  private procName(pid: number): string {
    return this.names.get(pid) ?? `pid${String(pid >>> 0).padStart(9, '0')}`;
  }

  private device(dev: number): BttDevice {
    let d = this.devs.get(dev);
    if (!d) {
      d = { dev, table: new Map(), q2qSeeks: newSeeks(), d2dSeeks: newSeeks(), nQ: 0, nD: 0, nC: 0, cBytes: 0,
        first: null, last: null, lastQ: null, queued: new Map() };
      this.devs.set(dev, d);
    }
    return d;
  }

  private update(d: BttDevice, pid: number, row: BttRow, ns: bigint): void {
    const label = rowLabel(row, d.dev);
    add(this.all, label, ns);
    add(d.table, label, ns);
    const p = this.procName(pid);
    let t = this.procs.get(p);
    if (!t) { t = new Map(); this.procs.set(p, t); }
    add(t, label, ns);
  }

  /** The queued Q containing `sector`, if any. */
  private containing(d: BttDevice, sector: bigint): Queued | null {
    for (const q of d.queued.values()) if (q.start <= sector && sector < q.end) return q;
    return null;
  }

  private inside(d: BttDevice, start: bigint, end: bigint): Queued[] {
    return [...d.queued.values()].filter((q) => start <= q.start && q.end <= end);
  }

  add(r: BlkRecord): void {
    if (isNotify(r) || r.bytes === 0) return;
    const code = r.action & 0xffff;
    const d = this.device(r.device);
    const start = r.sector;
    const end = r.sector + BigInt(r.bytes >>> 9);
    const t = r.time;
    d.first ??= t;
    if (t > (d.last ?? t)) d.last = t;
    d.last ??= t;
    switch (code) {
      case BLK_TA.QUEUE: this.queue(d, r, start, end); break;
      case BLK_TA.GETRQ: case BLK_TA.SLEEPRQ: case BLK_TA.INSERT: case BLK_TA.BACKMERGE: case BLK_TA.FRONTMERGE:
        this.stage(d, code, start, t);
        break;
      case BLK_TA.ISSUE: this.issue(d, start, end, t); break;
      case BLK_TA.COMPLETE: this.complete(d, start, end, t, r.bytes); break;
      default: break;
    }
  }

  /** G, S, I and M: the stage of the queued Q that contains the sector. */
  private stage(d: BttDevice, code: number, sector: bigint, t: bigint): void {
    const q = this.containing(d, sector);
    if (!q) return;
    if (code === BLK_TA.GETRQ) {
      q.g = t;
      this.update(d, q.pid, 'Q2G', t - q.time);
      if (q.s !== null) this.update(d, q.pid, 'S2G', t - q.s);
    } else if (code === BLK_TA.SLEEPRQ) q.s = t;
    else if (code === BLK_TA.INSERT) {
      q.i = t;
      if (q.g !== null) this.update(d, q.pid, 'G2I', t - q.g);
    } else {
      q.m = t;
      this.update(d, q.pid, 'Q2M', t - q.time);
    }
  }

  private queue(d: BttDevice, r: BlkRecord, start: bigint, end: bigint): void {
    if (d.queued.has(start)) return; // btt cannot key a second I/O at the same start sector
    // an I/O overlapping a queued one is counted (Q2Q, seeks) but not kept: btt's tree of queued
    // I/Os refuses overlapping ranges, so its completion finds no Q (a read-back in flight over it)
    const overlaps = [...d.queued.values()].some((q) => start < q.end && q.start < end);
    if (!overlaps) {
      d.queued.set(start, { time: r.time, start, end, pid: r.pid, g: null, s: null, i: null, m: null, d: null });
    }
    seek(d.q2qSeeks, start, end);
    const gap = (last: bigint | null): bigint | null => (last === null ? null : r.time > last ? r.time - last : 1n);
    const label = rowLabel('Q2Q', d.dev);
    const all = gap(this.lastQ);
    if (all !== null) add(this.all, label, all);
    this.lastQ = r.time;
    const dv = gap(d.lastQ);
    if (dv !== null) add(d.table, label, dv);
    d.lastQ = r.time;
    const p = this.procName(r.pid);
    const pv = gap(this.procLastQ.get(p) ?? null);
    if (pv !== null) {
      let t = this.procs.get(p);
      if (!t) { t = new Map(); this.procs.set(p, t); }
      add(t, label, pv);
    }
    this.procLastQ.set(p, r.time);
    d.nQ++;
  }

  private issue(d: BttDevice, start: bigint, end: bigint, t: bigint): void {
    seek(d.d2dSeeks, start, end);
    d.nD++;
    for (const q of this.inside(d, start, end)) {
      if (q.i !== null) this.update(d, q.pid, 'I2D', t - q.i);
      else if (q.m !== null) this.update(d, q.pid, 'M2D', t - q.m);
      q.d = t;
    }
  }

  private complete(d: BttDevice, start: bigint, end: bigint, t: bigint, bytes: number): void {
    d.nC++;
    d.cBytes += bytes;
    for (const q of this.inside(d, start, end)) {
      this.update(d, q.pid, 'Q2C', t - q.time);
      if (q.d !== null) this.update(d, q.pid, 'D2C', t - q.d);
      d.queued.delete(q.start);
    }
  }

  result(): BttResult {
    return { all: this.all, devices: [...this.devs.values()], processes: this.procs };
  }
}

/** MIN/AVG/MAX in seconds as btt prints them ("%13.9f"), with N. */
export function bttAvg(f: BttFigure): { min: string; avg: string; max: string; n: number } {
  const s = (ns: bigint): string => (Number(ns) / 1e9).toFixed(9);
  return { min: s(f.min), avg: (Number(f.total) / 1e9 / f.n).toFixed(9), max: s(f.max), n: f.n };
}

export interface FigureJson { n: number; minNs: number; avgNs: number; maxNs: number; percentiles: LatencySummary }

export function figureJson(f: BttFigure): FigureJson {
  return { n: f.n, minNs: Number(f.min), avgNs: Number(f.total) / f.n, maxNs: Number(f.max),
    percentiles: f.hist.summary() };
}
