// What ingest could not map one to one, as data: pairing results, bios not aligned to 4 KiB
// (zram's logical block size; such bios are still emitted, and listed here), records skipped.
import { PAGE_SIZE, SECTORS_PER_PAGE } from '../units';
import type { BioInfo } from './content-source';

export interface IngestStats {
  queued: number;
  completed: number;
  paired: number;
  unpairedQ: number[];     // bioIds never completed (in flight at the end of the trace)
  unpairedC: number;       // completions without a Q
  outOfOrder: number;      // completions that came before their Q in the merged order
  timeInversions: number;  // records earlier than the one before them
  unaligned: { count: number; examples: { bioId: number; sector: number; bytes: number }[] };
  emptyNonFlush: number;   // 0-byte Qs without FLUSH (ingested as 0-byte reads)
  otherDevices: number;    // records of devices not ingested
  otherActions: number;    // G, I, D, M, F, X, A, P, U, ... (not modelled)
  oversized: number[];     // bioIds of writes above maxWritePages: not emitted (nor their C)
  unrepresentable: number; // records with a time or sector beyond 2^53 (damaged traces), skipped
  notes: number;
  distinctPages: number;
}

export function emptyIngestStats(): IngestStats {
  return { queued: 0, completed: 0, paired: 0, unpairedQ: [], unpairedC: 0, outOfOrder: 0, timeInversions: 0,
    unaligned: { count: 0, examples: [] }, emptyNonFlush: 0, otherDevices: 0, otherActions: 0, unrepresentable: 0, oversized: [], notes: 0,
    distinctPages: 0 };
}

export function noteUnaligned(st: IngestStats, bio: BioInfo): void {
  if (bio.bytes === 0) {
    if (bio.op !== 'flush') st.emptyNonFlush++;
    return;
  }
  if (bio.sector % SECTORS_PER_PAGE === 0 && bio.bytes % PAGE_SIZE === 0) return;
  st.unaligned.count++;
  if (st.unaligned.examples.length < 20) st.unaligned.examples.push({ bioId: bio.bioId, sector: bio.sector, bytes: bio.bytes });
}
