// blkparse pipe mode (`-i -`), batch by batch as blkparse runs it (blktrace.md §2.2):
// - each batch of up to 512 events (-b) is read, its notes handled at once (so names and the
//   wall clock are known only from that batch on), and its events inserted into a tree ordered
//   by (time, device, sequence), later insertions after equal keys, a batch in reverse read order;
// - genesis is the earliest time of the first batch, and is looked for again in every later batch
//   while it is 0 (so a -d dump, whose first event is at 0, gets a new genesis per batch);
// - -w drops events outside the window, and stops reading once a whole batch is past its end;
// - after each batch the tree is printed from the front while every CPU's sequence follows on
//   (ftrace data, sequence 0 everywhere, prints little before the end), then everything is printed
//   at the end with skipped sequences counted.
import type { BlkparseEmulator } from './blkparse';
import { BLK_TN_MESSAGE, BlkRecord } from './record';
import { SeqSkips } from './seq-skips';

export interface PipeBatch { readonly notes: readonly BlkRecord[]; readonly events: readonly BlkRecord[] }

interface Entry { readonly rec: BlkRecord; readonly rel: bigint; readonly n: number }

function before(a: Entry, b: Entry): boolean {
  if (a.rel !== b.rel) return a.rel < b.rel;
  if (a.rec.device !== b.rec.device) return (a.rec.device >>> 0) < (b.rec.device >>> 0);
  if (a.rec.sequence !== b.rec.sequence) return (a.rec.sequence >>> 0) < (b.rec.sequence >>> 0);
  return a.n < b.n;
}

class Heap {
  private readonly a: Entry[] = [];
  get size(): number { return this.a.length; }
  peek(): Entry { return this.a[0]; }
  push(e: Entry): void {
    const a = this.a;
    let i = a.push(e) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): Entry {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

export function showPipe(emu: BlkparseEmulator, batches: Iterable<PipeBatch>): void {
  const heap = new Heap();
  const skips = new Map<number, SeqSkips>();
  const { start, end } = emu.window;
  let genesis = 0n;
  let n = 0;
  const show = (force: boolean): void => {
    while (heap.size) {
      const t = heap.peek();
      const r = t.rec;
      if (r.action !== BLK_TN_MESSAGE) {
        const s = emu.skipsOf(skips, r.device);
        if (!force && !s.inOrder(r.cpu, r.sequence)) break;
        s.see(r.cpu, r.sequence);
      }
      heap.pop();
      emu.showPipeRecord(emu.pipeDevice(r.device), { rec: r, streamCpu: r.cpu, relTime: t.rel });
    }
  };
  for (const b of batches) {
    for (const note of b.notes) emu.onNote(note);
    if (b.events.length === 0) break;
    for (const r of b.events) emu.pipeDevice(r.device);
    if (genesis === 0n) {
      genesis = b.events.reduce((m, r) => (r.time < m ? r.time : m), b.events[0].time);
      emu.setGenesis(genesis);
    }
    let youngest = 0n;
    for (let i = b.events.length - 1; i >= 0; i--) {
      const r = b.events[i];
      const rel = BigInt.asUintN(64, r.time - genesis);
      if (rel < youngest || !youngest) youngest = rel;
      if (rel < end && rel >= start) heap.push({ rec: r, rel, n: n++ });
    }
    if (youngest > end) break;
    show(false);
  }
  if (heap.size) show(true);
  emu.closeSkips(skips);
}
