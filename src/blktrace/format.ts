// blkparse -f / -F: user format strings (blkparse(1) "OUTPUT DESCRIPTION AND FORMATTING").
// `%[-][width]X` prints field X with printf-style padding; `%%` is a percent sign; `\b \n \r \t`
// are escapes (any other escape is an error, as in blkparse). -f sets the format of every action
// that has none yet; -F X,FMT sets action X's (X one of ABCDFGIMPQRSTUWX; "UT" uses U's).
import { pduU64 } from './pdu';
import { dumpPdu, rwbs, secondsField } from './print';
import { BlkRecord, devMajor, devMinor } from './record';

export const FORMAT_ACTIONS = 'ABCDFGIMPQRSTUWX';

export class FormatError extends Error {}

/** A -F argument's problem as blkparse words it, or null. */
export function checkFormatSpec(spec: string): string | null {
  if (!FORMAT_ACTIONS.includes(spec[0] ?? '\0')) return `Bad format specifier ${spec[0] ?? ''}`;
  if (spec[1] !== ',') return `Bad format specifier - need ',' ${spec}`;
  return null;
}

/** The formats in effect after -f/-F options given in order (later -F wins; -f fills gaps). */
export function formatTable(opts: readonly { all?: string; spec?: string }[]): Map<string, string> {
  const t = new Map<string, string>();
  for (const o of opts) {
    if (o.spec !== undefined) t.set(o.spec[0], o.spec.slice(2));
    if (o.all !== undefined) for (const a of FORMAT_ACTIONS) if (!t.has(a)) t.set(a, o.all);
  }
  return t;
}

export interface FieldContext {
  readonly act: string;
  readonly cpu: number;
  readonly relTime: bigint;
  readonly comm: string | null;
  readonly elapsed: bigint | null;   // -t: ns, or null when the action has none
  readonly pdu: Uint8Array | null;   // only PC D/C/I events hand their payload to the formatter
  /** %z: wall-clock seconds/ns of genesis (from a TIMESTAMP note), or null. */
  readonly absStart: { sec: number; nsec: number } | null;
}

const pad = (s: string, minus: boolean, width: number | null): string =>
  width === null ? s : minus ? s.padEnd(width, ' ') : s.padStart(width, ' ');

function wallClock(c: FieldContext): string {
  const base = c.absStart ?? { sec: 0, nsec: 0 };
  let sec = base.sec + Number(c.relTime / 1_000_000_000n);
  let nsec = base.nsec + Number(c.relTime % 1_000_000_000n);
  if (nsec >= 1e9) { nsec -= 1e9; sec += 1; }
  const d = new Date(sec * 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  const us = String(Math.floor(nsec / 1000)).padStart(6, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${us}`;
}

function field(r: BlkRecord, c: FieldContext, f: string, minus: boolean, width: number | null): string {
  switch (f) {
    case 'a': return pad(c.act, minus, width);
    case 'c': return pad(String(c.cpu | 0), minus, width);
    case 'C': return pad(c.comm ?? '(null)', minus, width);
    case 'd': return pad(rwbs(r), minus, width);
    case 'D': return `${String(devMajor(r.device)).padStart(3)},${String(devMinor(r.device)).padEnd(3)}`;
    case 'e': return pad(String(r.error), minus, width);
    case 'M': return pad(String(devMajor(r.device)), minus, width);
    case 'm': return pad(String(devMinor(r.device)), minus, width);
    case 'n': return pad(String(r.bytes >>> 9), minus, width);
    case 'N': return pad(String(r.bytes >>> 0), minus, width);
    case 'p': return pad(String(r.pid >>> 0), minus, width);
    case 'P': return (c.pdu && dumpPdu(c.pdu)) ?? '';
    case 's': return pad(String(r.sequence >>> 0), minus, width);
    case 'S': return pad(String(r.sector), minus, width);
    case 't': return String(c.relTime % 1_000_000_000n).padStart(width ?? 9, '0');
    case 'T': return pad(String(secondsField(c.relTime)), minus, width);
    case 'u':
      if (c.elapsed === null) throw new FormatError('Expecting elapsed value');
      return pad(String(c.elapsed / 1000n), minus, width);
    case 'U': return pad(String(Number(BigInt.asUintN(32, pduU64(r)))), minus, width);
    case 'z': return pad(wallClock(c), minus, width);
    default: return pad(f, minus, width);
  }
}

const ESCAPES: Record<string, string> = { b: '\b', n: '\n', r: '\r', t: '\t' };

/** One event through a user format. Throws FormatError where blkparse exits. */
export function formatLine(fmt: string, r: BlkRecord, c: FieldContext): string {
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const ch = fmt[i];
    if (ch === '%') {
      i++;
      if (fmt[i] === '%') { out += '%'; i++; continue; }
      if (i >= fmt.length) { out += '%'; continue; }
      let minus = false;
      if (fmt[i] === '-') { minus = true; i++; }
      let width: number | null = null;
      while (i < fmt.length && fmt[i] >= '0' && fmt[i] <= '9') width = (width ?? 0) * 10 + Number(fmt[i++]);
      if (i < fmt.length) out += field(r, c, fmt[i++], minus, width);
    } else if (ch === '\\') {
      const e = ESCAPES[fmt[i + 1] ?? ''];
      if (e === undefined) throw new FormatError(`Invalid escape char in format ${fmt[i + 1] ?? ''}`);
      out += e;
      i += 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
