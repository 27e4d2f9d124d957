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

export interface PageState {
  readonly present: boolean;
  readonly swapped: boolean;
  readonly type: number;    // swapped: swap type, else -1
  readonly offset: number;  // swapped: swap offset; present: the page frame number (root); else -1
}

/** Decodes one pagemap entry given as its two little-endian u32 halves. */
export function decodeEntry(lo: number, hi: number): PageState {
  const swapped = (hi & 0x40000000) !== 0;
  const present = (hi & 0x80000000) !== 0;
  const offset = swapped ? (lo >>> 5) + (hi & 0x7fffff) * 2 ** 27 : present ? lo + (hi & 0x7fffff) * 2 ** 32 : -1;
  return { present, swapped, type: swapped ? lo & 31 : -1, offset };
}

const KPF_SWAPCACHE = 15;

/** How many of the page frames are in the swap cache (/proc/kpageflags; 0 where unreadable). */
export function swapCached(pfns: readonly number[], kpageflags = '/proc/kpageflags'): number {
  if (pfns.length === 0) return 0;
  let fd: number;
  try { fd = fs.openSync(kpageflags, 'r'); } catch { return 0; }
  try {
    const b = Buffer.alloc(8);
    const inCache = (pfn: number): boolean => fs.readSync(fd, b, 0, 8, pfn * 8) === 8 && (b[1] & (1 << (KPF_SWAPCACHE - 8))) !== 0;
    return pfns.filter(inCache).length;
  } finally {
    fs.closeSync(fd);
  }
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
  /** Resident pages still in the swap cache: each holds a slot pagemap cannot name, freed
   * with no I/O when the page is unmapped. */
  readonly swapCached: number;
}

/** The swap slots held in the given address ranges, in address order (ranges sorted first). */
export function swapSlots(pid: number, ranges: readonly { start: number; end: number }[], procRoot = '/proc'):
  SlotSnapshot {
  const slots: number[] = [];
  const pfns: number[] = [];
  let type: number | null = null;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    for (const e of readPagemap(pid, r.start, (r.end - r.start) / PAGE, procRoot)) {
      if (e.present && e.offset > 0) pfns.push(e.offset);
      if (!e.swapped) continue;
      if (type !== null && e.type !== type) {
        throw new Error(`pid ${pid} holds slots of swap types ${type} and ${e.type}: swap is not confined to one device`);
      }
      type = e.type;
      slots.push(e.offset);
    }
  }
  return { slots, type, present: pfns.length, swapCached: swapCached(pfns) };
}

/** Every slot the process holds (all its mappings): what its exit releases. */
export function processSlots(pid: number, procRoot = '/proc'): SlotSnapshot {
  return swapSlots(pid, vmas(pid, procRoot), procRoot);
}
