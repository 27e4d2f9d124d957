// blkparse's end-of-run summary (show_device_and_cpu_stats + dump_io_stats), byte for byte.
// Numbers use "%'8Lu" without thousands grouping: blkparse asks for the en_US locale, which is not
// installed on the machines this was checked on (then glibc prints no separators).
import { addIoStats, emptyIoStats, IoStats } from './io-stats';

const U64 = (n: number): bigint => BigInt.asUintN(64, BigInt(Math.trunc(n)));

/** blkparse size_cnv: divide by 1000 while above 1,000,000, moving through K, M, G, P. */
export function sizeCnv(num: number | bigint, inKb: boolean): string {
  const suff = ['', 'K', 'M', 'G', 'P'];
  let i = inKb ? 1 : 0;
  let n = typeof num === 'bigint' ? BigInt.asUintN(64, num) : U64(num);
  while (n > 1_000_000n && i < suff.length - 1) { i++; n /= 1000n; }
  return String(n).padStart(8, ' ') + suff[i];
}

/** kb + (b >> 10) in u64 arithmetic: requeues can drive either below zero, which wraps in C. */
const kib = (kb: number, b: number): string => sizeCnv(U64(kb) + (U64(b) >> 10n), true) + 'iB';

export function dumpIoStats(s: IoStats, title: string, depth: readonly [number, number] | null): string {
  const lines = [`${title}\n`,
    ` Reads Queued:    ${sizeCnv(s.qreads, false)}, ${kib(s.qreadKb, s.qreadB)}\t`,
    ` Writes Queued:    ${sizeCnv(s.qwrites, false)}, ${kib(s.qwriteKb, s.qwriteB)}\n`,
    ` Read Dispatches: ${sizeCnv(s.ireads, false)}, ${kib(s.ireadKb, s.ireadB)}\t`,
    ` Write Dispatches: ${sizeCnv(s.iwrites, false)}, ${kib(s.iwriteKb, s.iwriteB)}\n`,
    ` Reads Requeued:  ${sizeCnv(s.rrqueue, false)}\t\t`,
    ` Writes Requeued:  ${sizeCnv(s.wrqueue, false)}\n`,
    ` Reads Completed: ${sizeCnv(s.creads, false)}, ${kib(s.creadKb, s.creadB)}\t`,
    ` Writes Completed: ${sizeCnv(s.cwrites, false)}, ${kib(s.cwriteKb, s.cwriteB)}\n`,
    ` Read Merges:     ${sizeCnv(s.mreads, false)}, ${kib(s.mreadKb, s.mreadB)}\t`,
    ` Write Merges:     ${sizeCnv(s.mwrites, false)}, ${kib(s.mwriteKb, s.mwriteB)}\n`];
  if (depth) {
    lines.push(` Read depth:      ${String(depth[0]).padStart(8)}${' '.repeat(8)}\t`,
      ` Write depth:      ${String(depth[1]).padStart(8)}\n`);
  }
  if (s.qreadsPc || s.qwritesPc || s.ireadsPc || s.iwritesPc || s.rrqueuePc || s.wrqueuePc || s.creadsPc || s.cwritesPc) {
    lines.push(` PC Reads Queued: ${sizeCnv(s.qreadsPc, false)}, ${kib(s.qreadKbPc, s.qreadBPc)}\t`,
      ` PC Writes Queued: ${sizeCnv(s.qwritesPc, false)}, ${kib(s.qwriteKbPc, s.qwriteBPc)}\n`,
      ` PC Read Disp.:   ${sizeCnv(s.ireadsPc, false)}, ${kib(s.ireadKbPc, s.ireadBPc)}\t`,
      ` PC Write Disp.:   ${sizeCnv(s.iwritesPc, false)}, ${kib(s.iwriteKbPc, s.iwriteBPc)}\n`,
      ` PC Reads Req.:   ${sizeCnv(s.rrqueuePc, false)}\t\t`,
      ` PC Writes Req.:   ${sizeCnv(s.wrqueuePc, false)}\n`,
      ` PC Reads Compl.: ${sizeCnv(s.creadsPc, false)}\t\t`,
      ` PC Writes Compl.: ${sizeCnv(s.cwritesPc, false)}\n`);
  }
  lines.push(` IO unplugs:      ${String(s.ioUnplugs).padStart(8)}${' '.repeat(8)}\t`,
    ` Timer unplugs:    ${String(s.timerUnplugs).padStart(8)}\n`);
  return lines.join('');
}

/** What blkparse keeps per device (per_dev_info) for the summary. */
export interface DeviceSummary {
  readonly name: string;                 // input name (file mode) or "maj,min" (pipe mode)
  readonly cpus: Map<number, { nelems: number; stats: IoStats }>;
  readonly maxDepth: [number, number];
  events: number;
  firstReported: bigint;
  lastReported: bigint;
  skips: number;
  seqSkips: number;
}

export function deviceSummary(name: string): DeviceSummary {
  return { name, cpus: new Map(), maxDepth: [0, 0], events: 0, firstReported: 0n, lastReported: 0n,
    skips: 0, seqSkips: 0 };
}

export function renderSummary(devices: readonly DeviceSummary[]): string {
  return devices.map((d, i) => (i > 0 ? '\n' : '') + renderDevice(d)).join('');
}

function renderDevice(d: DeviceSummary): string {
  const total = emptyIoStats();
  let out = '';
  let shown = 0;
  for (const cpu of [...d.cpus.keys()].sort((a, b) => a - b)) {
    const c = d.cpus.get(cpu)!;
    if (!c.nelems) continue;
    addIoStats(total, c.stats);
    out += dumpIoStats(c.stats, `CPU${cpu} (${d.name}):`, d.maxDepth);
    shown++;
  }
  if (shown > 1) out += '\n' + dumpIoStats(total, `Total (${d.name}):`, null);
  const msec = BigInt.asUintN(64, d.lastReported - d.firstReported) / 1_000_000n;
  let rrate = 0n;
  let wrate = 0n;
  if (msec) {
    rrate = BigInt.asUintN(64, 1000n * U64(total.creadKb) + U64(total.creadB)) / msec;
    wrate = BigInt.asUintN(64, 1000n * U64(total.cwriteKb) + U64(total.cwriteB)) / msec;
  }
  out += `\nThroughput (R/W): ${rrate}KiB/s / ${wrate}KiB/s\n`;
  out += `Events (${d.name}): ${d.events} entries\n`;
  const ratio = !d.skips && !d.events ? 0 : (100 * d.seqSkips) / (d.events + d.seqSkips);
  out += `Skips: ${d.skips} forward (${d.seqSkips} - ${ratio.toFixed(1).padStart(5)}%)\n`;
  return out;
}
