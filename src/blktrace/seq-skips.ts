// blkparse pipe mode's sequence accounting (check_sequence in its final, forced pass): per device
// and CPU, a record whose sequence is beyond the expected one opens a skip range
// [expected, sequence - 1]; a record that lands inside a recorded skip closes that part of it.
// The summary line "Skips: N forward (M - r%)" reports the ranges left and their total length.
// ftrace traces carry sequence 0 everywhere and never produce skips.

interface Skip { start: number; end: number }

export class SeqSkips {
  private readonly last = new Map<number, number>();
  private readonly skips = new Map<number, Skip[]>();

  /** Whether blkparse would print this record before the end: the CPU's first, or the next in sequence. */
  inOrder(cpu: number, seq: number): boolean {
    const expected = (this.last.get(cpu) ?? -1) + 1;
    return expected === 0 || seq === expected;
  }

  /** Feeds one non-MESSAGE record of this (device-local) cpu. */
  see(cpu: number, seq: number): void {
    const expected = (this.last.get(cpu) ?? -1) + 1;
    this.last.set(cpu, seq);
    if (expected === 0 || seq === expected) return; // first record: 0 or 1 is accepted as a start
    const list = this.skips.get(cpu) ?? [];
    this.skips.set(cpu, list);
    if (this.closeInside(list, seq)) return;
    if (expected < seq) insertSkip(list, expected, seq - 1);
  }

  private closeInside(list: Skip[], seq: number): boolean {
    for (let i = list.length - 1; i >= 0; i--) {
      const s = list[i];
      if (s.start > seq || seq > s.end) continue;
      if (s.start === seq && s.end === seq) list.splice(i, 1);
      else if (s.start === seq) s.start++;
      else if (s.end === seq) s.end--;
      else { const end = s.end; s.end = seq - 1; insertSkip(list, seq + 1, end); }
      return true;
    }
    return false;
  }

  totals(): { skips: number; seqSkips: number } {
    let skips = 0;
    let seqSkips = 0;
    for (const list of this.skips.values()) for (const s of list) { skips++; seqSkips += s.end - s.start + 1; }
    return { skips, seqSkips };
  }
}

function insertSkip(list: Skip[], start: number, end: number): void {
  for (let i = list.length - 1; i >= 0; i--) {
    if (end === list[i].start - 1) { list[i].start = start; return; }
    if (start === list[i].end + 1) { list[i].end = end; return; }
  }
  list.push({ start, end });
}
