// zram's own counters (struct zram_stats) and the block layer's per-disk I/O counters.
// Names follow the kernel; the sysfs texts are built in sysfs/show.ts.

export interface ZramStats {
  comprDataSize: number;   // compressed size of pages stored (huge pages count 4096)
  failedReads: number;     // read bios that hit an error
  failedWrites: number;    // write bios that hit an error (once per bio)
  notifyFree: number;      // pages freed by discard / write-zeroes / swap free notify
  samePages: number;       // same-filled pages currently stored
  hugePages: number;       // pages currently stored raw (incompressible)
  hugePagesSince: number;  // huge stores since init; never decremented
  pagesStored: number;     // slots holding data
  maxUsedPages: number;    // peak zsmalloc pages (raised before the mem_limit test)
  missFree: number;        // swap free notifications that could not lock the slot
}

/** part0 of /sys/block/zramN/stat. Only what a model can know: counts and sectors, no times. */
export interface BlockStats {
  readIos: number;
  readSectors: number;
  writeIos: number;
  writeSectors: number;
}

export const newZramStats = (): ZramStats => ({
  comprDataSize: 0, failedReads: 0, failedWrites: 0, notifyFree: 0, samePages: 0,
  hugePages: 0, hugePagesSince: 0, pagesStored: 0, maxUsedPages: 0, missFree: 0,
});
export const newBlockStats = (): BlockStats => ({ readIos: 0, readSectors: 0, writeIos: 0, writeSectors: 0 });
