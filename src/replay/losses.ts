// What an input lost on its way to events, as counts: records the decoder could not read and
// bios or records ingest dropped; for a bundle also what its contents and inferred slot frees are
// worth (src/ingest/captured/stats.ts; null for a bare trace). Printed as one stderr line when
// anything was lost, and carried in the JSON report, so no bio disappears without a trace.
import type { DecodeStats } from '../blktrace/decode-stats';
import type { IngestStats } from '../ingest';
import type { ContentStats, InputStats, SlotFreeStats, WriteZeroesStats } from '../ingest/captured/stats';

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
  contents: ContentStats | null;       // bundles: every written page's provenance
  slotFrees: SlotFreeStats | null;     // captured or swap bundles: inferred frees, checked with notify_free
  writeZeroes: WriteZeroesStats | null; // captured bundles: writes taken for write-zeroes
}

export function lossesOf(ingest: IngestStats, decode: DecodeStats | null, input: InputStats | null = null): InputLosses {
  return {
    queued: ingest.queued, neverCompleted: ingest.unpairedQ.length, oversized: ingest.oversized.length,
    unrepresentable: ingest.unrepresentable, completionsWithoutQ: ingest.unpairedC, otherDevices: ingest.otherDevices,
    timeInversions: ingest.timeInversions,
    decode: { badMagic: decode?.badMagic ?? 0, badVersion: decode?.badVersion ?? 0, badPdu: decode?.badPdu ?? 0,
      truncatedTailBytes: decode?.truncatedTail ?? 0, lostEvents: decode?.lostEvents ?? 0,
      seqGaps: decode?.seqGaps ?? 0 },
    contents: input?.contents ?? null, slotFrees: input?.slotFrees ?? null, writeZeroes: input?.writeZeroes ?? null,
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
  const c = l.contents;
  if (c && c.mode === 'captured' && c.pages.unknown > 0) lost.push(`${c.pages.unknown} pages of unknown content (stand-in: ${c.standIn})`);
  const f = l.slotFrees?.checks;
  if (f?.first) lost.push(`inferred frees disagree with notify_free at ${f.samples - f.agree} of ${f.samples} samples`);
  return lost.length ? `input: ${l.queued} bios; ${lost.join(', ')}` : '';
}
