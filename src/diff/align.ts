// Where a record sits in an outputs stream, for aligning two streams: by event seq, then
// results before checkpoints before the end record, then by occurrence within that slot
// (several results can share a seq when knobs were inserted before an event).
import type { OutputRecord } from '../replay/outputs';

export interface Key { seq: number; rank: number; nth: number }

const RANK = { header: 0, event: 1, bio: 1, checkpoint: 2, end: 3 } as const;

export function seqOf(r: OutputRecord): number {
  if ('bio' in r) return r.bio.seq;
  if ('event' in r) return r.event.seq;
  if ('checkpoint' in r) return r.checkpoint.seq;
  return Number.MAX_SAFE_INTEGER; // header and end have no event of their own
}

export const compareKeys = (a: Key, b: Key): number => a.seq - b.seq || a.rank - b.rank || a.nth - b.nth;

/** Assigns keys to the records of one stream, in order. */
export class Keyer {
  private last: Key = { seq: -1, rank: -1, nth: 0 };
  key(r: OutputRecord): Key {
    const rank = RANK[Object.keys(r)[0] as keyof typeof RANK];
    const seq = seqOf(r);
    const nth = seq === this.last.seq && rank === this.last.rank ? this.last.nth + 1 : 0;
    this.last = { seq, rank, nth };
    return this.last;
  }
}
