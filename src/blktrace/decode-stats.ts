// Decode anomalies are data (like Perfetto's stats table and blkparse's skips), never exceptions.

export interface DecodeProblem {
  readonly source: string;   // file name or '-'
  readonly offset: number;   // byte offset in that input
  readonly message: string;  // what was found and what was expected
}

export interface DecodeStats {
  records: number;           // complete records, notify records included
  notes: number;             // notify records (PROCESS, TIMESTAMP, MESSAGE)
  badMagic: number;          // records whose magic was wrong (decoding stops there)
  badVersion: number;        // records with a version other than 7 or 8 (skipped)
  badPdu: number;            // payload too short for its action (remap < 16, split/unplug < 8, ...)
  truncatedTail: number;     // bytes of an incomplete record at the end of the input
  lostEvents: number;        // sum of m over `CPU:n [LOST m EVENTS]` markers
  lostMarkers: number;       // number of such markers (ftrace overwrite mode)
  textHeaders: number;       // `# tracer: blk` headers skipped (`trace` read instead of `trace_pipe`)
  seqGaps: number;           // missing sequence numbers, where sequence numbers are non-zero
  problems: DecodeProblem[]; // the first few anomalies with positions (capped)
}

export const MAX_PROBLEMS = 100;

export function emptyStats(): DecodeStats {
  return { records: 0, notes: 0, badMagic: 0, badVersion: 0, badPdu: 0, truncatedTail: 0,
    lostEvents: 0, lostMarkers: 0, textHeaders: 0, seqGaps: 0, problems: [] };
}

export function addProblem(s: DecodeStats, p: DecodeProblem): void {
  if (s.problems.length < MAX_PROBLEMS) s.problems.push(p);
}

export function mergeStats(into: DecodeStats, from: DecodeStats): DecodeStats {
  for (const k of ['records', 'notes', 'badMagic', 'badVersion', 'badPdu', 'truncatedTail', 'lostEvents',
    'lostMarkers', 'textHeaders', 'seqGaps'] as const) into[k] += from[k];
  for (const p of from.problems) addProblem(into, p);
  return into;
}

/** True when nothing was lost or damaged (notes and text headers are harmless). */
export function isClean(s: DecodeStats): boolean {
  return s.badMagic + s.badVersion + s.badPdu + s.truncatedTail + s.lostEvents + s.lostMarkers + s.seqGaps === 0;
}
