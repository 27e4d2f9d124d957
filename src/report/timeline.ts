// A bounded, evenly thinned series of checkpoints: when full, every other point is dropped and
// only every 2nd (then 4th...) new checkpoint is kept. Deterministic; memory is constant.
import type { Checkpoint } from '../replay/outputs';

export interface TimelinePoint {
  seq: number; tsNs: number; origDataSize: number; comprDataSize: number; memUsedTotal: number;
  samePages: number; hugePages: number;
}

export class Timeline {
  private points: TimelinePoint[] = [];
  private stride = 1;
  private seen = 0;

  constructor(private readonly cap = 256) {}

  add(c: Checkpoint): void {
    if (this.seen++ % this.stride !== 0) return;
    const m = c.stats.mmStat;
    this.points.push({ seq: c.seq, tsNs: c.tsNs, origDataSize: m.origDataSize, comprDataSize: m.comprDataSize,
      memUsedTotal: m.memUsedTotal, samePages: m.samePages, hugePages: m.hugePages });
    if (this.points.length >= this.cap) {
      this.points = this.points.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
    }
  }

  get all(): readonly TimelinePoint[] {
    return this.points;
  }
}

/** About `n` points spread over the series, the last always included. */
export function shortTimeline(points: readonly TimelinePoint[], n: number): TimelinePoint[] {
  if (points.length <= n) return [...points];
  const step = (points.length - 1) / (n - 1);
  return Array.from({ length: n }, (_, i) => points[Math.round(i * step)]);
}
