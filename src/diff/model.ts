// What `diff` reports (the --json form; text is a view of it).
import type { ReplayOptionsRecord } from '../replay/outputs';
import type { Leaf } from './flatten';
import type { StatComparison } from './stat-rows';

export interface SideInfo { name: string; implementation: string; inputDigest: string; inputName: string; options: ReplayOptionsRecord }

export interface Divergence {
  seq: number;
  record: string;           // the kind of record: bio, event, checkpoint, end
  field: string;            // dotted path in the record ("checkpoint.stats.mmStat.memUsedMax"), or "<missing>"
  a: Leaf | undefined;      // undefined: the record is missing on that side
  b: Leaf | undefined;
  before: string[];         // the records just before it (from A), as their JSON lines
}

export interface FieldCount { field: string; count: number; firstSeq: number }

export interface DiffReport {
  a: SideInfo;
  b: SideInfo;
  sameInput: boolean;
  optionsDiffer: string[];  // names of the options that differ
  compared: number;         // records present on both sides
  onlyInA: number;
  onlyInB: number;
  equal: boolean;
  first: Divergence | null;
  fields: FieldCount[];     // per field: records that differ in it
  notCompared: FieldCount[];// fields one side cannot observe (the kernel's state digest)
  stats: StatComparison;    // the checkpoints on both sides, stat field by field (B against A)
}
