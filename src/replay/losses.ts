// What an input lost on its way to events, as counts: records the decoder could not read and
// bios or records ingest dropped. Printed as one stderr line when anything was lost, and carried
// in the JSON report, so no bio disappears without a trace.
import type { DecodeStats } from '../blktrace/decode-stats';
import type { IngestStats } from '../ingest';

export interface InputLosses {
  queued: number;            // bios the trace holds
  neverCompleted: number;    // bios without a completion (replayed without one)
  oversized: number;         // writes too large to be one bio: dropped with their completion
  unrepresentable: number;   // records with a time or sector beyond 2^53: dropped
  completionsWithoutQ: number;
  otherDevices: number;      // records of other devices: dropped
  timeInversions: number;    // records earlier than the one before them
  decode: { badMagic: number; badVersion: number; badPdu: number; truncatedTailBytes: number;
    lostEvents: number; seqGaps: number };
}

export function lossesOf(ingest: IngestStats, decode: DecodeStats | null): InputLosses {
  return {
    queued: ingest.queued, neverCompleted: ingest.unpairedQ.length, oversized: ingest.oversized.length,
    unrepresentable: ingest.unrepresentable, completionsWithoutQ: ingest.unpairedC, otherDevices: ingest.otherDevices,
    timeInversions: ingest.timeInversions,
    decode: { badMagic: decode?.badMagic ?? 0, badVersion: decode?.badVersion ?? 0, badPdu: decode?.badPdu ?? 0,
      truncatedTailBytes: decode?.truncatedTail ?? 0, lostEvents: decode?.lostEvents ?? 0,
      seqGaps: decode?.seqGaps ?? 0 },
  };
}

/** One line naming every non-zero loss, or '' when nothing was lost. */
export function formatLosses(l: InputLosses): string {
  const parts: [number, string][] = [
    [l.oversized, 'oversized writes dropped'], [l.unrepresentable, 'records dropped (time or sector beyond 2^53)'],
    [l.neverCompleted, 'bios never completed'], [l.completionsWithoutQ, 'completions without a queue record'],
    [l.otherDevices, 'records of other devices dropped'], [l.timeInversions, 'records out of time order'],
    [l.decode.badMagic, 'bad magic (decoding stopped)'], [l.decode.badVersion, 'records of an unknown version'],
    [l.decode.badPdu, 'records with a short payload'], [l.decode.truncatedTailBytes, 'bytes of a cut last record'],
    [l.decode.lostEvents, 'events lost by the tracer'], [l.decode.seqGaps, 'sequence gaps'],
  ];
  const lost = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return lost.length ? `input: ${l.queued} bios; ${lost.join(', ')}` : '';
}
