// blkparse's default text line (blktrace.md §2.4), byte for byte: the fixed header
// "%3d,%-3d %2d %8d %5d.%09lu %5u %2s %3s " then an action-specific tail. C integer semantics are
// kept where they show: (int) casts of u32/u64 values, u16 error printed with %d, `(null)` for a
// pid without a PROCESS note (glibc's rendering of a NULL %s).
import { body, pduU64, remap } from './pdu';
import { BLK_TC, BlkRecord, devMajor, devMinor, hasCategory, tcAct } from './record';

export const NSEC_PER_SEC = 1_000_000_000n;

/** RWBS: F (flush) + one of D/W/R/N + F (fua), A (ahead), S (sync), M (meta). */
export function rwbs(r: BlkRecord): string {
  let s = hasCategory(r, BLK_TC.FLUSH) ? 'F' : '';
  if (hasCategory(r, BLK_TC.DISCARD)) s += 'D';
  else if (hasCategory(r, BLK_TC.WRITE)) s += 'W';
  else s += r.bytes !== 0 ? 'R' : 'N';
  if (hasCategory(r, BLK_TC.FUA)) s += 'F';
  if (hasCategory(r, BLK_TC.AHEAD)) s += 'A';
  if (hasCategory(r, BLK_TC.SYNC)) s += 'S';
  if (hasCategory(r, BLK_TC.META)) s += 'M';
  return s;
}

const padL = (s: string | number, w: number): string => String(s).padStart(w, ' ');
const padR = (s: string | number, w: number): string => String(s).padEnd(w, ' ');
const int32 = (n: number): number => n | 0;

/** (int) SECONDS(t): u64 seconds truncated to a signed 32-bit int, as blkparse's cast does. */
export function secondsField(relTime: bigint): number {
  return Number(BigInt.asIntN(32, relTime / NSEC_PER_SEC));
}

export function timeField(relTime: bigint): string {
  return `${padL(secondsField(relTime), 5)}.${String(relTime % NSEC_PER_SEC).padStart(9, '0')}`;
}

export interface LineContext {
  readonly cpu: number;        // the stream's CPU (file mode) or the record's (pipe mode)
  readonly relTime: bigint;
  readonly comm: string | null; // from PROCESS notes
}

export function header(dev: number, ctx: LineContext, seq: number, pid: number, act: string, rw: string): string {
  return `${padL(devMajor(dev), 3)},${padR(devMinor(dev), 3)} ${padL(int32(ctx.cpu), 2)} ` +
    `${padL(int32(seq), 8)} ${timeField(ctx.relTime)} ${padL(pid >>> 0, 5)} ${padL(act, 2)} ${padL(rw, 3)} `;
}

/** blkparse's dump_pdu: hex bytes, cut with " .." once the rest is all zero. */
export function dumpPdu(pdu: Uint8Array): string | null {
  if (pdu.length === 0) return null;
  const parts: string[] = [];
  for (let i = 0; i < pdu.length; i++) {
    parts.push(pdu[i].toString(16).padStart(2, '0'));
    if (pdu[i] === 0 && pdu.subarray(i).every((x) => x === 0)) return parts.join(' ') + ' ..';
  }
  return parts.join(' ');
}

const nsect = (r: BlkRecord): number => r.bytes >>> 9;
const sectorAndLen = (r: BlkRecord): string => `${r.sector} + ${nsect(r)}`;

/** The line for a file-system (non-PC) event with action letters `act`. */
export function fsLine(r: BlkRecord, act: string, ctx: LineContext, elapsed: bigint | null = null): string {
  const name = ctx.comm ?? '(null)';
  let dev = r.device;
  if (act === 'A') dev = remap(r).deviceTo;
  const h = header(dev, ctx, r.sequence, r.pid, act, rwbs(r));
  switch (act[0]) {
    case 'R': case 'C': {
      const el = elapsed === null ? '' : ` (${String(elapsed).padStart(8)})`;
      return h + (nsect(r) ? `${sectorAndLen(r)}${el} [${r.error}]\n` : `${r.sector}${el} [${r.error}]\n`);
    }
    case 'D': case 'I': case 'Q': case 'B':
      if (elapsed !== null) {
        const el = `(${String(elapsed).padStart(8)})`;
        return h + (nsect(r) ? `${sectorAndLen(r)} ${el} [${name}]\n` : `${el} [${name}]\n`);
      }
      return h + (nsect(r) ? `${sectorAndLen(r)} [${name}]\n` : `[${name}]\n`);
    case 'M': case 'F': case 'G': case 'S':
      return h + (nsect(r) ? `${sectorAndLen(r)} [${name}]\n` : `[${name}]\n`);
    case 'P':
      return h + `[${name}]\n`;
    case 'U':
      return h + `[${name}] ${Number(BigInt.asUintN(32, pduU64(r)))}\n`;
    case 'A': {
      const m = remap(r);
      return h + `${sectorAndLen(r)} <- (${devMajor(m.deviceFrom)},${devMinor(m.deviceFrom)}) ${m.sectorFrom}\n`;
    }
    case 'X':
      return h + `${r.sector} / ${Number(BigInt.asUintN(32, pduU64(r)))} [${name}]\n`;
    default:
      throw new Error(`fsLine: no format for action ${act}`);
  }
}

/** The line for a passthrough (PC) event: payload bytes are the command. */
export function pcLine(r: BlkRecord, act: string, ctx: LineContext): string {
  const h = header(r.device, ctx, r.sequence, r.pid, act, rwbs(r));
  // blkparse hands the payload to the formatter only for D, C and I (log_pc); Q, G, S, R get none
  const p = act === 'D' || act === 'C' || act === 'I' ? dumpPdu(r.pdu) : null;
  if (act === 'C' || act === 'R') return h + (p ? `(${p}) ` : '') + `[${r.error}]\n`;
  if (act === 'D' || act === 'I' || act === 'Q') return h + `${r.bytes >>> 0} ` + (p ? `(${p}) ` : '') + `[${ctx.comm ?? '(null)'}]\n`;
  return h + (nsect(r) ? `${sectorAndLen(r)} [${ctx.comm ?? '(null)'}]\n` : `[${ctx.comm ?? '(null)'}]\n`);
}

/** A MESSAGE note as an `m` line: device and cpu from the record, pid 0, RWBS N; text up to NUL. */
export function messageLine(r: BlkRecord, relTime: bigint): string | null {
  if (r.pdu.length === 0) return null;
  let end = 0;
  while (end < r.pdu.length && r.pdu[end] !== 0) end++;
  let text = '';
  for (let i = 0; i < end; i++) text += String.fromCharCode(r.pdu[i]);
  return `${padL(devMajor(r.device), 3)},${padR(devMinor(r.device), 3)} ${padL(int32(r.cpu), 2)} ` +
    `${padL('0', 8)} ${timeField(relTime)} ${padL(0, 5)} ${padL('m', 2)} ${padL('N', 3)} ${text}\n`;
}

export const isPc = (r: BlkRecord): boolean => (r.action & tcAct(BLK_TC.PC)) !== 0;
export { body };
