// Folds a bundle's events into the model (ZramDevice) and compares the model with the kernel at
// every KernelStatSampled: mm_stat, io_stat and debug_stat texts exactly, and stat's read/write
// I/O and sector counts (its times cannot be modelled). For approximate bundles the result is
// the deviation report; for exact ones every sample must match.
import { ZramDevice } from '../device/zram-device';
import { observationFromTexts } from '../device/observe';
import type { Recorded, ZramEvent } from '../events/types';

export interface FieldDeviation { readonly file: string; readonly field: string; readonly kernel: number; readonly model: number }
export interface SampleCheck { readonly seq: number; readonly tsNs: number; readonly deviations: FieldDeviation[] }
export interface CheckReport {
  readonly samples: number;
  readonly exact: number;
  readonly checks: SampleCheck[];
  readonly rejected: string[];         // events the model refused (a bundle bug if any)
  readonly maxAbs: Record<string, number>;
}

const MM = ['orig_data_size', 'compr_data_size', 'mem_used_total', 'mem_limit', 'mem_used_max', 'same_pages',
  'pages_compacted', 'huge_pages', 'huge_pages_since'];

function compare(kernel: Extract<ZramEvent, { type: 'KernelStatSampled' }>, dev: ZramDevice): FieldDeviation[] {
  const k = observationFromTexts(kernel);
  const m = observationFromTexts({ mmStat: dev.show('mm_stat'), ioStat: dev.show('io_stat'), debugStat: dev.show('debug_stat'), stat: dev.show('stat') });
  const out: FieldDeviation[] = [];
  const add = (file: string, field: string, kv: number, mv: number): void => { if (kv !== mv) out.push({ file, field, kernel: kv, model: mv }); };
  Object.values(k.mmStat).forEach((v, i) => add('mm_stat', MM[i], v, Object.values(m.mmStat)[i]));
  add('io_stat', 'failed_reads', k.ioStat.failedReads, m.ioStat.failedReads);
  add('io_stat', 'failed_writes', k.ioStat.failedWrites, m.ioStat.failedWrites);
  add('io_stat', 'notify_free', k.ioStat.notifyFree, m.ioStat.notifyFree);
  add('debug_stat', 'miss_free', k.debugStat.missFree, m.debugStat.missFree);
  for (const f of ['readIos', 'readSectors', 'writeIos', 'writeSectors'] as const) add('stat', f, k.blockStat[f], m.blockStat[f]);
  // the texts too: a formatting difference with equal numbers is still a difference
  for (const [file, kt, mt] of [['mm_stat', kernel.mmStat, dev.show('mm_stat')], ['io_stat', kernel.ioStat, dev.show('io_stat')],
    ['debug_stat', kernel.debugStat, dev.show('debug_stat')]] as const) {
    if (kt !== mt && !out.some((d) => d.file === file)) out.push({ file, field: 'text', kernel: NaN, model: NaN });
  }
  return out;
}

export function checkEvents(events: readonly Recorded<ZramEvent>[]): CheckReport {
  const dev = new ZramDevice();
  const checks: SampleCheck[] = [];
  const rejected: string[] = [];
  const maxAbs: Record<string, number> = {};
  for (const r of events) {
    const o = dev.apply(r.event);
    if (o.kind === 'rejected') rejected.push(`event ${r.seq}: ${o.reason}`);
    if (r.event.type !== 'KernelStatSampled') continue;
    const deviations = compare(r.event, dev);
    for (const d of deviations) {
      const key = `${d.file}.${d.field}`;
      maxAbs[key] = Math.max(maxAbs[key] ?? 0, Math.abs(d.kernel - d.model));
    }
    checks.push({ seq: r.seq, tsNs: r.ts, deviations });
  }
  return { samples: checks.length, exact: checks.filter((c) => c.deviations.length === 0).length, checks, rejected, maxAbs };
}

export function formatCheck(name: string, r: CheckReport): string {
  const lines = [`${name}: ${r.exact}/${r.samples} samples match the kernel exactly; ${r.rejected.length} events rejected`];
  for (const c of r.checks) {
    if (c.deviations.length === 0) continue;
    lines.push(`  sample at event ${c.seq} (+${(c.tsNs / 1e6).toFixed(3)} ms): ` +
      c.deviations.map((d) => `${d.file}.${d.field} kernel ${d.kernel} model ${d.model}`).join(', '));
  }
  return lines.join('\n') + '\n';
}
