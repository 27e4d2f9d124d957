// `compare`: one row per configuration of the same input.
import type { Report } from './model';
import { fixed, table } from './table';

export interface CompareRow {
  config: string; algorithm: string; tier: string; kernelConfig: string;
  origToCompr: number | null; origToMemUsed: number | null; memUsedTotal: number; memUsedMax: number; hugePages: number;
  hugePagesSince: number; samePages: number; failedWrites: number; failedReads: number; failedStores: number;
  compressedPages: number; compressNsPerPage: number | null;
  writeP50Ns: number | null; writeP99Ns: number | null; kernelSamplesExact: string;
}

/** `cost`: the distinct pages the backend compressed and its mean wall time per page, when measured. */
export function compareRow(config: string, r: Report, cost?: { pages: number; nsPerPage: number | null }): CompareRow {
  const m = r.final?.stats.mmStat;
  const io = r.final?.stats.ioStat;
  const service = r.latency.find((t) => t.source.startsWith('service'));
  const w = service?.ops.find((o) => o.op === 'write')?.percentiles;
  return {
    config, algorithm: r.backend.algorithm, tier: r.backend.tier, kernelConfig: r.backend.kernelConfig,
    origToCompr: r.compression?.origToCompr ?? null, origToMemUsed: r.compression?.origToMemUsed ?? null,
    memUsedTotal: m?.memUsedTotal ?? 0, memUsedMax: m?.memUsedMax ?? 0, hugePages: m?.hugePages ?? 0,
    hugePagesSince: m?.hugePagesSince ?? 0, samePages: m?.samePages ?? 0,
    failedWrites: io?.failedWrites ?? 0, failedReads: io?.failedReads ?? 0,
    failedStores: r.failures.events.filter((e) => e.event.startsWith('store')).reduce((n, e) => n + e.failed, 0),
    compressedPages: cost?.pages ?? 0, compressNsPerPage: cost?.nsPerPage ?? null,
    writeP50Ns: w?.p50 ?? null, writeP99Ns: w?.p99 ?? null,
    kernelSamplesExact: r.kernel.samples ? `${r.kernel.exact}/${r.kernel.samples}` : '-',
  };
}

export function formatCompare(rows: readonly CompareRow[]): string {
  const n = (x: number | null) => (x === null ? '-' : x);
  return table(['config', 'tier', 'orig/compr', 'orig/mem_used', 'mem_used_total', 'mem_used_max', 'huge', 'same',
    'failed_writes', 'failed_reads', 'failed_stores', 'compress ns/page', 'write p50 ns', 'write p99 ns', 'kernel samples exact'],
  rows.map((r) => [r.config, r.tier, fixed(r.origToCompr), fixed(r.origToMemUsed), r.memUsedTotal, r.memUsedMax, r.hugePages,
    r.samePages, r.failedWrites, r.failedReads, r.failedStores, n(r.compressNsPerPage), n(r.writeP50Ns), n(r.writeP99Ns),
    r.kernelSamplesExact]));
}
