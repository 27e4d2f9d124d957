// The report's data (what --json prints; text and HTML are views of it).
import type { DeviceStats, OutputHeader } from '../replay/outputs';
import type { LatencySummary } from '../latency/histogram';
import type { InputLosses } from '../replay/losses';
import type { BackendInfo } from './backend';
import type { KernelComparison } from './kernel-samples';
import type { TimelinePoint } from './timeline';

export interface Compression {
  pagesStored: number;
  origToCompr: number | null;     // orig_data_size / compr_data_size
  origToMemUsed: number | null;   // orig_data_size / mem_used_total
  sameFraction: number | null;    // same_pages / pages stored
  hugeFraction: number | null;    // huge_pages / pages stored
}

export interface OpFailures { op: string; bios: number; failed: number; statuses: Record<string, number> }
export interface EventFailures { event: string; count: number; failed: number; statuses: Record<string, number> }

export interface ToolSpeed {
  implementation: string;
  wallNs: number;
  events: number;
  eventsPerSec: number | null;
  /** The model's run time per bio (JavaScript), for a model target only. */
  perBio: LatencyTable | null;
}

export interface LatencyTable { source: string; ops: { op: string; percentiles: LatencySummary }[] }

export interface Report {
  header: OutputHeader;
  /** What decoding and ingest dropped from a bundle or trace (replay/losses.ts); absent when not known. */
  input?: InputLosses;
  backend: BackendInfo;           // algorithm, kernel profile and exactness tier of the numbers
  complete: boolean;              // the outputs ended with their end record
  events: number;
  bios: number;
  checkpoints: number;
  final: { seq: number; stats: DeviceStats; digest: string } | null;
  compression: Compression | null;
  /** Compression at the checkpoint with the largest orig_data_size, when the end has less. */
  compressionPeak?: Compression & { seq: number };
  kernel: KernelComparison;
  failures: { bios: OpFailures[]; events: EventFailures[] };
  timeline: TimelinePoint[];
  /** The kernel's latency only: Q2C from the trace, and a real device's service time when the
   * replay ran on one. */
  latency: LatencyTable[];
  cdf: { source: string; op: string; points: [number, number][] }[];
  /** How fast the tool ran (wall-clock, varies between runs): never zram's latency. */
  speed: ToolSpeed | null;
}
