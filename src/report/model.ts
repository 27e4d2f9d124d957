// The report's data (what --json prints; text and HTML are views of it).
import type { DeviceStats, OutputHeader } from '../replay/outputs';
import type { BackendInfo } from './backend';
import type { Percentiles } from './histogram';
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

export interface LatencyTable { source: string; ops: { op: string; percentiles: Percentiles }[] }

export interface Report {
  header: OutputHeader;
  backend: BackendInfo;           // algorithm, kernel profile and exactness tier of the numbers
  complete: boolean;              // the outputs ended with their end record
  events: number;
  bios: number;
  checkpoints: number;
  final: { seq: number; stats: DeviceStats; digest: string } | null;
  compression: Compression | null;
  kernel: KernelComparison;
  failures: { bios: OpFailures[]; events: EventFailures[] };
  timeline: TimelinePoint[];
  latency: LatencyTable[];        // kernel Q2C from the trace; the target's service time when timed
  cdf: { source: string; op: string; points: [number, number][] }[];
}
