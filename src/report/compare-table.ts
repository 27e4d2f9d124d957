// `compare`: one row per configuration of the same input.
import type { Report } from './model';
import { fixed, table } from './table';

export interface CompareRow {
  config: string; origToCompr: number | null; origToMemUsed: number | null; memUsedMax: number; hugePages: number;
  hugePagesSince: number; samePages: number; failedWrites: number; failedReads: number; failedStores: number;
  writeP50Ns: number | null; writeP99Ns: number | null; kernelSamplesExact: string;
}

export function compareRow(config: string, r: Report): CompareRow {
  const m = r.final?.stats.mmStat;
  const io = r.final?.stats.ioStat;
  const service = r.latency.find((t) => t.source.startsWith('service'));
  const w = service?.ops.find((o) => o.op === 'write')?.percentiles;
  return {
    config, origToCompr: r.compression?.origToCompr ?? null, origToMemUsed: r.compression?.origToMemUsed ?? null,
    memUsedMax: m?.memUsedMax ?? 0, hugePages: m?.hugePages ?? 0, hugePagesSince: m?.hugePagesSince ?? 0, samePages: m?.samePages ?? 0,
    failedWrites: io?.failedWrites ?? 0, failedReads: io?.failedReads ?? 0,
    failedStores: r.failures.events.filter((e) => e.event.startsWith('store')).reduce((n, e) => n + e.failed, 0),
    writeP50Ns: w?.p50 ?? null, writeP99Ns: w?.p99 ?? null,
    kernelSamplesExact: r.kernel.samples ? `${r.kernel.exact}/${r.kernel.samples}` : '-',
  };
}

export function formatCompare(rows: readonly CompareRow[]): string {
  const n = (x: number | null) => (x === null ? '-' : x);
  return table(['config', 'orig/compr', 'orig/mem_used', 'mem_used_max', 'huge', 'huge_since', 'same', 'failed_writes',
    'failed_reads', 'failed_stores', 'write p50 ns', 'write p99 ns', 'kernel samples exact'],
  rows.map((r) => [r.config, fixed(r.origToCompr), fixed(r.origToMemUsed), r.memUsedMax, r.hugePages, r.hugePagesSince, r.samePages,
    r.failedWrites, r.failedReads, r.failedStores, n(r.writeP50Ns), n(r.writeP99Ns), r.kernelSamplesExact]));
}
