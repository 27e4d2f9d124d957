// Kernel samples whose pages_compacted grew with nothing in the log to explain it: no store to
// `compact` and no recorded shrinker run since the previous sample. The kernel's shrinker ran
// unrecorded (a bundle made without the shrinker tracepoints, or an older one), so the report
// says that at the sample instead of leaving an unexplained difference. Pure, bounded.
import type { Checkpoint, EventResult } from '../replay/outputs';

const MAX_NOTES = 50;

export interface SampleNote { seq: number; tsNs: number; note: string }

export class CompactionNotes {
  private prev: number | null = null;
  private explained = false;
  private readonly notes: SampleNote[] = [];
  private omitted = 0;

  event(e: EventResult): void {
    if (e.kind === 'shrinker' || (e.kind === 'store' && e.attr === 'compact')) this.explained = true;
  }

  checkpoint(c: Checkpoint): void {
    if (!c.kernel) return;
    const pc = c.kernel.mmStat.pagesCompacted;
    if (this.prev !== null && pc > this.prev && !this.explained) {
      const note = `the kernel's pages_compacted rose by ${pc - this.prev} with no compact store or recorded shrinker run ` +
        'since the previous sample: its shrinker ran unrecorded (recorded without the shrinker tracepoints?)';
      if (this.notes.length < MAX_NOTES) this.notes.push({ seq: c.seq, tsNs: c.tsNs, note });
      else this.omitted++;
    }
    this.prev = pc;
    this.explained = false;
  }

  result(): { notes: SampleNote[]; notesOmitted: number } {
    return { notes: this.notes, notesOmitted: this.omitted };
  }
}
