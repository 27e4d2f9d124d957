// Folds a bundle's events into the model (ZramDevice) and compares the model with the kernel at
// every KernelStatSampled: every column of the stat table (stat's I/O and sector counts only:
// its times cannot be modelled), and the mm_stat, io_stat and debug_stat texts exactly. For
// approximate bundles the result is the deviation report; for exact ones every sample must match.
// One thing an exact bundle cannot carry: when bios that allocate or free overlap in time, the
// order in which zsmalloc served them is not in the trace (zram spec §6.10, item 4), so the pool's
// layout fields can differ; the report counts such overlaps so the views can say so.
// Its text and JSON views are src/report/check-view.ts. Pure (the report reads its types; the
// recorder's `record --check` and the bundle tests reach it as src/record/bundle-check.ts).
import { ZramDevice } from './zram-device';
import { columnDiffers, compareStatSets } from './stat-compare';
import { statsFromTexts } from './stat-columns';
import { allocatesOrFrees, type Recorded, type ZramEvent } from '../events/types';

export interface FieldDeviation { readonly file: string; readonly field: string; readonly kernel: number; readonly model: number }
export interface SampleCheck { readonly seq: number; readonly tsNs: number; readonly deviations: FieldDeviation[] }
export interface CheckReport {
  readonly samples: number;
  readonly exact: number;
  readonly checks: SampleCheck[];
  readonly rejected: string[];         // events the model refused (a bundle bug if any)
  readonly maxAbs: Record<string, number>;
  readonly overlappingWrites: number;  // bios other than reads queued while another such bio was in flight
}

/** mm_stat fields that depend on where zsmalloc put each object, not only on what was stored. */
export const POOL_LAYOUT_FIELDS: readonly string[] = ['mem_used_total', 'mem_used_max', 'pages_compacted'];

const TEXTS = [['mm_stat', 'mmStat'], ['io_stat', 'ioStat'], ['debug_stat', 'debugStat']] as const;

function compare(kernel: Extract<ZramEvent, { type: 'KernelStatSampled' }>, dev: ZramDevice): FieldDeviation[] {
  const model = { mmStat: dev.show('mm_stat'), ioStat: dev.show('io_stat'), debugStat: dev.show('debug_stat'),
    stat: dev.show('stat') };
  const out: FieldDeviation[] = compareStatSets(statsFromTexts(model), statsFromTexts(kernel)).filter(columnDiffers)
    .map((d) => ({ file: d.column.file, field: d.column.name, kernel: d.kernel, model: d.model }));
  // the texts too: a formatting difference with equal numbers is still a difference
  for (const [file, key] of TEXTS) {
    if (kernel[key] !== model[key] && !out.some((d) => d.file === file)) {
      out.push({ file, field: 'text', kernel: NaN, model: NaN });
    }
  }
  return out;
}

export function checkEvents(events: readonly Recorded<ZramEvent>[]): CheckReport {
  const dev = new ZramDevice();
  const checks: SampleCheck[] = [];
  const rejected: string[] = [];
  const maxAbs: Record<string, number> = {};
  const writing = new Set<number>();   // bios in flight that allocate or free (everything but reads and flushes)
  let overlappingWrites = 0;
  for (const r of events) {
    const e = r.event;
    if (e.type === 'BioQueued' && allocatesOrFrees(e.op)) {
      if (writing.size > 0) overlappingWrites++;
      writing.add(e.bioId);
    } else if (e.type === 'BioCompleted') writing.delete(e.bioId);
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
  const exact = checks.filter((c) => c.deviations.length === 0).length;
  return { samples: checks.length, exact, checks, rejected, maxAbs, overlappingWrites };
}
