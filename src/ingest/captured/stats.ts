// What a bundle's contents and inferred frees are worth, in the shape every consumer reads (the
// losses sidecar, replay --json `input`, record --check, the report; traces/README.md documents it).
// Each written page gets one reason; each reason belongs to one provenance class.

export const PAGE_REASONS = {
  recorded: 'exact',                          // the recorder's own write: its bytes were kept
  'read-back': 'exact',                       // first read-back after the write, nothing changed the page between
  'read-back-before-free': 'inferred',        // a free raced the read-back, which saw non-zero bytes: read first
  'read-back-differs-from-overwrite': 'inferred', // writes raced the read-back, which saw none of their bytes
  'write-zeroes': 'inferred',                 // read back as zeros, and the kernel's counters say write-zeroes
  'end-image-last-write': 'inferred',         // approximate: the page's last write, bytes from the end image
  'not-read-back': 'unknown',                 // no read-back of the page after the write
  'read-back-failed': 'unknown',              // the first read-back after the write returned no bytes (error, short)
  'freed-before-read-back': 'unknown',        // freed before the read-back, which saw zeros
  'overwritten-before-read-back': 'unknown',  // written again before the read-back
  'end-image-overwritten': 'unknown',         // approximate: written again later, end-image bytes stand in
  'content-override': 'unknown',              // the caller replaced the bundle's contents (--content)
} as const;
export type PageReason = keyof typeof PAGE_REASONS;
export type Provenance = (typeof PAGE_REASONS)[PageReason];
export const REASON_CODES = Object.keys(PAGE_REASONS) as PageReason[];

export interface ContentStats {
  mode: string;                                       // the bundle's contents.mode
  pages: { exact: number; inferred: number; unknown: number };
  reasons: Partial<Record<PageReason, number>>;       // keys in PAGE_REASONS order, non-zero only
  standIn: string | null;                             // what unknown pages replay with
}

export interface FreeDisagreement { sample: number; label: string; inferred: number; kernel: number }

export interface SlotFreeStats {
  inferred: number;
  fromSwapIn: number;
  fromRelease: number;
  fromSwapoff: number;
  busy: number;
  checks: { samples: number; agree: number; first?: FreeDisagreement };
}

export interface WriteZeroesStats {
  inferred: number;     // write bios replayed as write-zeroes
  candidates: number;   // external writes with no page known non-zero (the ones that could be write-zeroes)
  ambiguous: number;    // sample intervals where several choices fit the counters (the earliest were taken)
  unfit: number;        // sample intervals where no choice fits the counters exactly
}

export class ContentTally {
  private readonly counts = new Map<PageReason, number>();
  constructor(private readonly mode: string, private readonly standIn: string | null) {}
  add(r: PageReason, n = 1): void { this.counts.set(r, (this.counts.get(r) ?? 0) + n); }
  stats(): ContentStats {
    const pages = { exact: 0, inferred: 0, unknown: 0 };
    const reasons: Partial<Record<PageReason, number>> = {};
    for (const r of REASON_CODES) {
      const n = this.counts.get(r) ?? 0;
      if (n === 0) continue;
      reasons[r] = n;
      pages[PAGE_REASONS[r]] += n;
    }
    return { mode: this.mode, pages, reasons, standIn: pages.unknown > 0 ? this.standIn : null };
  }
}

/** Everything above for one input: what readBundle gives as `input` and InputLosses carries. */
export interface InputStats {
  contents: ContentStats;
  slotFrees: SlotFreeStats | null;
  writeZeroes: WriteZeroesStats | null;
}
