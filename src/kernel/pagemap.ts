// /proc/PID/pagemap (root): one u64 per virtual page. Bit 63 present, bit 62 swapped; for a
// swapped page bits 0-4 are the swap type and bits 5-54 the swap offset, which on a swap block
// device is the slot index (4 KiB page of the device). Used to know which slots a process holds
// before it gives them up (MADV_DONTNEED, exit): those frees issue no bio.
import * as fs from 'node:fs';

const PAGE = 4096;

export interface Vma { readonly start: number; readonly end: number; readonly name: string }

/** The process's mappings from /proc/PID/maps, in address order ([vsyscall] left out). */
export function vmas(pid: number, procRoot = '/proc'): Vma[] {
  return fs.readFileSync(`${procRoot}/${pid}/maps`, 'utf8').split('\n').filter((l) => l !== '').flatMap((l) => {
    const m = /^([0-9a-f]+)-([0-9a-f]+)\s+\S+\s+\S+\s+\S+\s+\S+\s*(.*)$/.exec(l);
    if (!m || m[3] === '[vsyscall]') return [];
    return [{ start: parseInt(m[1], 16), end: parseInt(m[2], 16), name: m[3] }];
  });
}

export interface PageState { readonly present: boolean; readonly swapped: boolean; readonly type: number; readonly offset: number }

/** Decodes one pagemap entry given as its two little-endian u32 halves. */
export function decodeEntry(lo: number, hi: number): PageState {
  const swapped = (hi & 0x40000000) !== 0;
  return { present: (hi & 0x80000000) !== 0, swapped,
    type: swapped ? lo & 31 : -1, offset: swapped ? (lo >>> 5) + (hi & 0x7fffff) * 2 ** 27 : -1 };
}

/** The entries of `pages` pages from virtual address `start`. */
export function readPagemap(pid: number, start: number, pages: number, procRoot = '/proc'): PageState[] {
  const fd = fs.openSync(`${procRoot}/${pid}/pagemap`, 'r');
  try {
    const buf = Buffer.alloc(pages * 8);
    let done = 0;
    while (done < buf.length) {
      const n = fs.readSync(fd, buf, done, buf.length - done, (start / PAGE) * 8 + done);
      if (n === 0) break;
      done += n;
    }
    const out: PageState[] = [];
    for (let o = 0; o + 8 <= done; o += 8) out.push(decodeEntry(buf.readUInt32LE(o), buf.readUInt32LE(o + 4)));
    return out;
  } finally {
    fs.closeSync(fd);
  }
}

export interface SlotSnapshot {
  readonly slots: number[];    // swap offsets, in virtual address order
  readonly type: number | null; // the one swap type seen (null: no page swapped)
  readonly present: number;    // resident pages in the ranges
}

/** The swap slots held in the given address ranges, in address order (ranges sorted first). */
export function swapSlots(pid: number, ranges: readonly { start: number; end: number }[], procRoot = '/proc'): SlotSnapshot {
  const slots: number[] = [];
  let type: number | null = null;
  let present = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    for (const e of readPagemap(pid, r.start, (r.end - r.start) / PAGE, procRoot)) {
      if (e.present) present++;
      if (!e.swapped) continue;
      if (type !== null && e.type !== type) throw new Error(`pid ${pid} holds slots of swap types ${type} and ${e.type}: swap is not confined to one device`);
      type = e.type;
      slots.push(e.offset);
    }
  }
  return { slots, type, present };
}

/** Every slot the process holds (all its mappings): what its exit releases. */
export function processSlots(pid: number, procRoot = '/proc'): SlotSnapshot {
  return swapSlots(pid, vmas(pid, procRoot), procRoot);
}
