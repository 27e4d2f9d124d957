// Units as branded numbers. Only this file converts between them.
type Brand<T, B extends string> = T & { readonly __brand: B };
export type Sector = Brand<number, 'Sector'>;       // 512-byte units, as in bios and blktrace
export type PageIndex = Brand<number, 'PageIndex'>; // zram slot index (4 KiB pages)
export type Bytes = Brand<number, 'Bytes'>;
export type Nanos = Brand<number, 'Nanos'>;         // CLOCK_MONOTONIC ns, or relative to genesis
export type Handle = Brand<number, 'Handle'>;       // zsmalloc handle (opaque, stable across compaction)

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;           // 4096 on the modelled x86-64 kernel
export const SECTOR_SHIFT = 9;
export const SECTOR_SIZE = 1 << SECTOR_SHIFT;
export const SECTORS_PER_PAGE_SHIFT = PAGE_SHIFT - SECTOR_SHIFT;
export const SECTORS_PER_PAGE = 1 << SECTORS_PER_PAGE_SHIFT;

export const sector = (n: number): Sector => n as Sector;
export const pageIndex = (n: number): PageIndex => n as PageIndex;
export const bytes = (n: number): Bytes => n as Bytes;
export const nanos = (n: number): Nanos => n as Nanos;
export const handle = (n: number): Handle => n as Handle;

export const sectorToPage = (s: Sector): PageIndex => pageIndex(Math.floor(s / SECTORS_PER_PAGE));
export const pageToSector = (p: PageIndex): Sector => sector(p * SECTORS_PER_PAGE);
export const bytesToSectors = (b: Bytes): number => Math.floor(b / SECTOR_SIZE);
export const offsetToSector = (b: Bytes): Sector => sector(Math.floor(b / SECTOR_SIZE));
export const sectorToOffset = (s: Sector): Bytes => bytes(s * SECTOR_SIZE);
export const pagesToBytes = (n: number): Bytes => bytes(n * PAGE_SIZE);

/** u64 values become `number` at codec boundaries through this check (2^53 is far beyond any device). */
export function checkedU64(v: number | bigint, what: string): number {
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what}: ${String(v)} is not a safe unsigned integer`);
  return n;
}
