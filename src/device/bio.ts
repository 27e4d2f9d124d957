// zram_submit_bio() and the block-layer checks in front of it (zram-6.18.md §4.1, §4.2, §4.8).
// A bio outside the device or not 4 KiB aligned never reaches zram: EIO, no counter changes.
import type { Errno } from '../errors';
import { PAGE_SIZE, SECTORS_PER_PAGE, SECTOR_SIZE, pageIndex } from '../units';
import { discardRange } from './discard';
import { readPage, readPageDigest } from './read-page';
import type { BioQueued, DeviceState } from './state';
import { writePage } from './write-page';
import type { SlotTable } from './slots';

/** `data` (a read's bytes) is a view of a buffer the next read reuses: use or copy it at once.
 * `digest`: instead of data, a one-page read's digest known without its bytes (readPageDigest). */
export interface BioResult { readonly errno: Errno | null; readonly data?: Uint8Array; readonly digest?: string }
/** The result of every successful bio without data (shared: results are read-only). */
const OK: BioResult = { errno: null };

/** The bytes of the latest read bio: one buffer, not one allocation per read. */
let readBuffer = new Uint8Array(0);

function blockLayerRejects(s: DeviceState, bio: BioQueued): boolean {
  const capacitySectors = s.disksize / SECTOR_SIZE;
  const end = bio.sector + bio.bytes / SECTOR_SIZE;
  return s.slots === null || bio.sector % SECTORS_PER_PAGE !== 0 || bio.bytes % PAGE_SIZE !== 0 ||
    end > capacitySectors;
}

function readBio(s: DeviceState, t: SlotTable, first: number, nrPages: number): BioResult {
  if (nrPages === 1) {
    const digest = readPageDigest(s, t, pageIndex(first));
    if (digest !== undefined) return { errno: null, digest };
  }
  if (readBuffer.length < nrPages * PAGE_SIZE) readBuffer = new Uint8Array(nrPages * PAGE_SIZE);
  const data = readBuffer.subarray(0, nrPages * PAGE_SIZE);
  for (let p = 0; p < nrPages; p++) {
    if (!readPage(s, t, pageIndex(first + p), data.subarray(p * PAGE_SIZE, (p + 1) * PAGE_SIZE))) {
      s.stats.failedReads++;
      return { errno: 'EIO' };
    }
  }
  return { errno: null, data };
}

function writeBio(s: DeviceState, t: SlotTable, first: number, bio: BioQueued): BioResult {
  for (let p = 0; p < bio.pages.length; p++) {
    if (writePage(s, t, pageIndex(first + p), bio.pages[p]) !== null) {
      s.stats.failedWrites++; // once per bio; the rest of the bio is not processed
      return { errno: 'EIO' };
    }
  }
  return OK;
}

export function submitBio(s: DeviceState, bio: BioQueued): BioResult {
  if (bio.op === 'flush') return OK; // zram has no volatile cache: never reaches it
  if (blockLayerRejects(s, bio)) return { errno: 'EIO' };
  const t = s.slots!;
  const first = bio.sector / SECTORS_PER_PAGE;
  const nrPages = bio.bytes / PAGE_SIZE;
  switch (bio.op) {
    case 'read':
      s.blk.readIos++;
      s.blk.readSectors += bio.bytes / SECTOR_SIZE;
      return readBio(s, t, first, nrPages);
    case 'write':
      if (bio.pages.length !== nrPages) throw new Error(`bio ${bio.bioId}: ${bio.pages.length} pages for ${bio.bytes} bytes`);
      s.blk.writeIos++;
      s.blk.writeSectors += bio.bytes / SECTOR_SIZE;
      return writeBio(s, t, first, bio);
    case 'discard':
    case 'write_zeroes':
      discardRange(s, t, bio.sector, bio.bytes);
      return OK;
  }
}
