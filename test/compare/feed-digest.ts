// A digest of a run of events, every field and page byte, for comparing two reads of one log.
import { createHash } from 'node:crypto';
import type { Recorded, ZramEvent } from '../../src/events/types';

export function digestEvents(events: Iterable<Recorded<ZramEvent>>, each?: () => void):
  { seqs: number; digest: string } {
  const h = createHash('sha256');
  let seqs = 0;
  for (const r of events) {
    each?.();
    seqs++;
    const e = r.event;
    const pages = e.type === 'BioQueued' ? e.pages : [];
    h.update(JSON.stringify({ ...r, event: { ...e, pages: pages.map((p) => p.key) } }));
    for (const p of pages) h.update(p.data);
  }
  return { seqs, digest: h.digest('hex') };
}
