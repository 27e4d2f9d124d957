// blkparse's per-CPU io_stats and their accounting per action (blkparse dump_trace_fs/_pc):
// byte totals are kept as KiB plus the sum of the sub-KiB remainders, as blkparse does, because
// the summary and the throughput line print exactly those sums.

export interface IoStats {
  qreads: number; qwrites: number; creads: number; cwrites: number; mreads: number; mwrites: number;
  ireads: number; iwrites: number; rrqueue: number; wrqueue: number;
  qreadKb: number; qwriteKb: number; creadKb: number; cwriteKb: number;
  qreadB: number; qwriteB: number; creadB: number; cwriteB: number;
  ireadKb: number; iwriteKb: number; mreadKb: number; mwriteKb: number;
  mreadB: number; mwriteB: number; ireadB: number; iwriteB: number;
  qreadsPc: number; qwritesPc: number; ireadsPc: number; iwritesPc: number;
  rrqueuePc: number; wrqueuePc: number; creadsPc: number; cwritesPc: number;
  qreadKbPc: number; qwriteKbPc: number; ireadKbPc: number; iwriteKbPc: number;
  qreadBPc: number; qwriteBPc: number; ireadBPc: number; iwriteBPc: number;
  ioUnplugs: number; timerUnplugs: number;
}

export type IoStatsKey = keyof IoStats;

export function emptyIoStats(): IoStats {
  const keys: IoStatsKey[] = ['qreads', 'qwrites', 'creads', 'cwrites', 'mreads', 'mwrites', 'ireads', 'iwrites',
    'rrqueue', 'wrqueue', 'qreadKb', 'qwriteKb', 'creadKb', 'cwriteKb', 'qreadB', 'qwriteB', 'creadB', 'cwriteB',
    'ireadKb', 'iwriteKb', 'mreadKb', 'mwriteKb', 'mreadB', 'mwriteB', 'ireadB', 'iwriteB', 'qreadsPc',
    'qwritesPc', 'ireadsPc', 'iwritesPc', 'rrqueuePc', 'wrqueuePc', 'creadsPc', 'cwritesPc', 'qreadKbPc',
    'qwriteKbPc', 'ireadKbPc', 'iwriteKbPc', 'qreadBPc', 'qwriteBPc', 'ireadBPc', 'iwriteBPc', 'ioUnplugs',
    'timerUnplugs'];
  return Object.fromEntries(keys.map((k) => [k, 0])) as unknown as IoStats;
}

/** blkparse's "Total" block: the sum of every field over the CPUs that had events. */
export function addIoStats(into: IoStats, from: IoStats): void {
  for (const k of Object.keys(from) as IoStatsKey[]) into[k] += from[k];
}

const kb = (bytes: number): number => bytes >>> 10;
const rem = (bytes: number): number => bytes & 1023;

/** Q (file-system request): queued counts and sizes. */
export function accountQueue(s: IoStats, w: boolean, bytes: number): void {
  if (w) { s.qwrites++; s.qwriteKb += kb(bytes); s.qwriteB += rem(bytes); }
  else { s.qreads++; s.qreadKb += kb(bytes); s.qreadB += rem(bytes); }
}

export function accountMerge(s: IoStats, w: boolean, bytes: number): void {
  if (w) { s.mwrites++; s.mwriteKb += kb(bytes); s.mwriteB += rem(bytes); }
  else { s.mreads++; s.mreadKb += kb(bytes); s.mreadB += rem(bytes); }
}

export function accountIssue(s: IoStats, w: boolean, bytes: number): void {
  if (w) { s.iwrites++; s.iwriteKb += kb(bytes); s.iwriteB += rem(bytes); }
  else { s.ireads++; s.ireadKb += kb(bytes); s.ireadB += rem(bytes); }
}

export function accountComplete(s: IoStats, w: boolean, bytes: number): void {
  if (w) { s.cwrites++; s.cwriteKb += kb(bytes); s.cwriteB += rem(bytes); }
  else { s.creads++; s.creadKb += kb(bytes); s.creadB += rem(bytes); }
}

/** Requeue takes the size back off the dispatched totals (may go "negative" = u64 wrap). */
export function accountRequeue(s: IoStats, w: boolean, bytes: number): void {
  if (w) { s.wrqueue++; s.iwriteKb -= kb(bytes); s.iwriteB -= rem(bytes); }
  else { s.rrqueue++; s.ireadKb -= kb(bytes); s.ireadB -= rem(bytes); }
}

export function accountUnplug(s: IoStats, timer: boolean): void {
  if (timer) s.timerUnplugs++;
  else s.ioUnplugs++;
}

/** PC queue: blkparse adds read sizes to the non-PC qread_kb (kept: it shows in the summary). */
export function accountPcQueue(s: IoStats, w: boolean, bytes: number): void {
  if (w) { s.qwritesPc++; s.qwriteKbPc += kb(bytes); s.qwriteBPc += rem(bytes); }
  else { s.qreadsPc++; s.qreadKb += kb(bytes); s.qreadBPc += rem(bytes); }
}

export function accountPcIssue(s: IoStats, w: boolean, bytes: number): void {
  if (w) { s.iwritesPc++; s.iwriteKbPc += kb(bytes); s.iwriteBPc += rem(bytes); }
  else { s.ireadsPc++; s.ireadKbPc += kb(bytes); s.ireadBPc += rem(bytes); }
}

export function accountPcRequeue(s: IoStats, w: boolean, bytes: number): void {
  if (w) { s.wrqueuePc++; s.iwriteKbPc -= kb(bytes); s.iwriteBPc -= rem(bytes); }
  else { s.rrqueuePc++; s.ireadKbPc -= kb(bytes); s.ireadBPc -= rem(bytes); }
}

export function accountPcComplete(s: IoStats, w: boolean): void {
  if (w) s.cwritesPc++;
  else s.creadsPc++;
}
