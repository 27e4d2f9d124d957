// `compare`: one row per configuration of the same input. Latency columns are the kernel's (the
// trace's Q2C, or a real device's service time when replayed on one); how fast the model ran is
// not shown here (it is the tool's speed, it varies between runs, and it is not zram's latency).
import type { Report } from './model';
import { fixed, table } from './table';

export interface CompareRow {
  config: string; algorithm: string; tier: string; kernelConfig: string;
  origToCompr: number | null; origToMemUsed: number | null; memUsedTotal: number; memUsedMax: number; hugePages: number;
  hugePagesSince: number; samePages: number; failedWrites: number; failedReads: number; failedStores: number;
  compressedPages: number; compressNsPerPage: number | null;
  /** Kernel write latency: Q2C from the trace, or a real device's service time when replayed on one. */
  writeP50Ns: number | null; writeP99Ns: number | null; latencySource: string | null;
  kernelSamplesExact: string;
}

/** `cost`: the distinct pages the backend compressed and its mean wall time per page, when measured. */
export function compareRow(config: string, r: Report, cost?: { pages: number; nsPerPage: number | null }): CompareRow {
  const m = r.final?.stats.mmStat;
  const io = r.final?.stats.ioStat;
  // a real device's measured latency when there is one, else the trace's Q2C (the kernel's either way)
  const lat = r.latency.find((t) => t.source.startsWith('kernel service')) ?? r.latency[0];
  const w = lat?.ops.find((o) => o.op === 'write')?.percentiles;
  return {
    config, algorithm: r.backend.algorithm, tier: r.backend.tier, kernelConfig: r.backend.kernelConfig,
    origToCompr: r.compression?.origToCompr ?? null, origToMemUsed: r.compression?.origToMemUsed ?? null,
    memUsedTotal: m?.memUsedTotal ?? 0, memUsedMax: m?.memUsedMax ?? 0, hugePages: m?.hugePages ?? 0,
    hugePagesSince: m?.hugePagesSince ?? 0, samePages: m?.samePages ?? 0,
    failedWrites: io?.failedWrites ?? 0, failedReads: io?.failedReads ?? 0,
    failedStores: r.failures.events.filter((e) => e.event.startsWith('store')).reduce((n, e) => n + e.failed, 0),
    compressedPages: cost?.pages ?? 0, compressNsPerPage: cost?.nsPerPage ?? null,
    writeP50Ns: w?.p50 ?? null, writeP99Ns: w?.p99 ?? null, latencySource: w ? lat.source : null,
    kernelSamplesExact: r.kernel.samples ? `${r.kernel.exact}/${r.kernel.samples}` : '-',
  };
}

export function formatCompare(rows: readonly CompareRow[]): string {
  const n = (x: number | null) => (x === null ? '-' : x);
  return table(['config', 'tier', 'orig/compr', 'orig/mem_used', 'mem_used_total', 'mem_used_max', 'huge', 'same',
    'failed_writes', 'failed_reads', 'failed_stores', 'compress ns/page', 'kernel write p50 ns', 'kernel write p99 ns',
    'latency from', 'kernel samples exact'],
  rows.map((r) => [r.config, r.tier, fixed(r.origToCompr), fixed(r.origToMemUsed), r.memUsedTotal, r.memUsedMax, r.hugePages,
    r.samePages, r.failedWrites, r.failedReads, r.failedStores, n(r.compressNsPerPage), n(r.writeP50Ns), n(r.writeP99Ns),
    latencyFrom(r.latencySource), r.kernelSamplesExact]));
}

function latencyFrom(source: string | null): string {
  if (source === null) return '-';
  return source.startsWith('kernel Q2C') ? 'trace Q2C' : 'device replay';
}
