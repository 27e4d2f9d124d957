// Whether a bundle's trace is whole. A recording drains its trace before writing the manifest,
// so anything the decoder could not read (a cut record, a bad magic, lost events), fewer bios
// than the recorder issued requests (a trace cut at a record boundary), or bios that never
// completed means the trace was damaged after the fact: replaying it would silently drop bios.
import { isClean, type DecodeStats } from '../blktrace/decode-stats';
import type { IngestStats } from '../ingest';

/** `untied`: capture reads that read bytes but have no bio in the trace. */
export function traceDamage(decode: DecodeStats, ingest: IngestStats, requests: number, untied = 0): string {
  if (!isClean(decode)) {
    const p = decode.problems[0];
    return p ? `${p.source} at byte ${p.offset}: ${p.message}` : `${decode.lostEvents} events lost`;
  }
  if (untied > 0) return `${untied} read-backs of the recorder have no bio in the trace`;
  if (ingest.queued < requests) return `the trace holds ${ingest.queued} bios, ops.jsonl lists ${requests} requests`;
  const open = ingest.unpairedQ;
  if (open.length > 0) return `${open.length} bios never completed (first: bio ${open[0]})`;
  return '';
}
