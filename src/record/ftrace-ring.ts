// How the kernel stores buffer_size_kb: as a whole number of sub-buffers per CPU, each holding
// `data` bytes (its size minus a header). A write of K KiB allocates ceil(K*1024 / data) of
// them (at least 2) and reads back as pages*data >> 10: 1408 written reads 1410 with 4080-byte
// data. So two sizes are the same setting when they give the same count, not the same string.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The data bytes of one sub-buffer, from events/header_page ("field: char data; ... size:N;"). */
export function parseHeaderPageData(text: string): number | null {
  const m = /field:\s*char data;[^\n]*?size:(\d+);/.exec(text);
  return m ? Number(m[1]) : null;
}

/** Data bytes per sub-buffer on this kernel; 4096 minus a 16-byte header where unreadable. */
export function ringDataBytes(root: string): number {
  try {
    return parseHeaderPageData(fs.readFileSync(path.join(root, 'events', 'header_page'), 'utf8')) ?? 4080;
  } catch {
    return 4080;
  }
}

/** Sub-buffers per CPU the kernel allocates for a buffer_size_kb value. */
export function ringPages(kb: number, dataBytes: number): number {
  return Math.max(2, Math.ceil((kb * 1024) / dataBytes));
}

/** Whether two buffer_size_kb values are the same allocation (the per-CPU page count). */
export function sameBufferSize(a: string, b: string, dataBytes: number): boolean {
  if (a === b) return true;
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return false;
  return ringPages(Number(a), dataBytes) === ringPages(Number(b), dataBytes);
}
