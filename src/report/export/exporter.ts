// What every export format receives, in this order: the outputs header, the outputs records
// (bios and checkpoints, in outputs order), the trace's bio spans (when a trace is known), end.
// Each format writes its bytes to the sink as it goes (nothing per bio is kept).
import type { BioResult, Checkpoint, DeviceStats, OutputHeader } from '../../replay/outputs';
import { STAT_FIELDS, type StatField } from '../fields';
import type { BioSpan } from './bio-spans';

export interface ExportSink { write(chunk: string | Uint8Array): void }

export interface Exporter {
  begin(h: OutputHeader): void;
  bio(b: BioResult): void;
  checkpoint(c: Checkpoint): void;
  span(s: BioSpan): void;
  end(): void;
}

export type Unit = 'bytes' | 'pages' | 'count';

/** The stats drawn as counters over time: mm_stat, in sysfs order, with their unit. */
export const COUNTER_FIELDS: readonly (StatField & { unit: Unit; short: string })[] = STAT_FIELDS
  .filter((f) => f.name.startsWith('mm_stat.'))
  .map((f) => {
    const short = f.name.slice('mm_stat.'.length);
    return { ...f, short, unit: /pages/.test(short) ? 'pages' as const : 'bytes' as const };
  });

/** Fields where model and kernel differ at a kernel sample (empty when exact or no sample). */
export const divergences = (c: Checkpoint): { field: string; model: number; kernel: number }[] =>
  c.kernel === null ? [] : STAT_FIELDS.filter((f) => f.get(c.stats) !== f.get(c.kernel as DeviceStats))
    .map((f) => ({ field: f.name, model: f.get(c.stats), kernel: f.get(c.kernel as DeviceStats) }));

/** A label for the run: INPUT on IMPLEMENTATION. */
export const runName = (h: OutputHeader): string => `${h.inputName} on ${h.implementation}`;
