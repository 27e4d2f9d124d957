// Kernel stat samples: mm_stat, io_stat, debug_stat and stat of the traced device, stamped on
// CLOCK_MONOTONIC (process.hrtime.bigint() is CLOCK_MONOTONIC on Linux; trace_clock=mono is
// the same clock), so each sample has its place among the trace's records.
import { readAttr, zramId } from '../kernel/sysfs';

export interface StatSample {
  readonly ts: string;        // ns, taken just before reading (decimal)
  readonly t1: string;        // ns, after the last read
  readonly label: string;     // start | interval | step:LINE | end
  readonly quiet: boolean;    // true when no I/O of the recorder was in flight (exact workloads)
  readonly mmStat: string;
  readonly ioStat: string;
  readonly debugStat: string;
  readonly stat: string;
}

export const monoNow = (): bigint => process.hrtime.bigint();

export function readStats(dev: string, label: string, quiet: boolean): StatSample {
  const ts = monoNow();
  const read = (attr: string): string => readAttr(zramId(dev), attr);
  const s = { mmStat: read('mm_stat'), ioStat: read('io_stat'), debugStat: read('debug_stat'), stat: read('stat') };
  return { ts: String(ts), t1: String(monoNow()), label, quiet, ...s };
}

export function parseSamples(text: string): StatSample[] {
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as StatSample);
}
