// ftrace text that can appear inside a binary blk stream (blktrace.md §5.4): a leading
// `# tracer: blk\n#\n` when `trace` was read instead of `trace_pipe`, and `CPU:n [LOST m EVENTS]\n`
// markers the reader inserts after an overwrite. Both are skipped and counted by the decoder.

export type TextScan =
  | { kind: 'lost'; cpu: number; lost: number; length: number }
  | { kind: 'header'; length: number }
  | 'incomplete';

const MAX_LINE = 80;
const CPU_PREFIX = [0x43, 0x50, 0x55, 0x3a]; // "CPU:"
const LOST_RE = /^CPU:(\d+) \[LOST (\d+) EVENTS\]\n$/;

/** Text at `pos`, or null when the bytes there are not ftrace text (then they must be a record). */
export function scanText(b: Uint8Array, pos: number, atStart: boolean): TextScan | null {
  if (b[pos] === 0x23 && atStart) return scanHeader(b, pos);
  for (let i = 0; i < CPU_PREFIX.length; i++) {
    if (pos + i >= b.length) return 'incomplete';
    if (b[pos + i] !== CPU_PREFIX[i]) return null;
  }
  const nl = lineEnd(b, pos);
  if (nl === -1) return b.length - pos < MAX_LINE ? 'incomplete' : null;
  const m = LOST_RE.exec(ascii(b, pos, nl + 1));
  return m ? { kind: 'lost', cpu: Number(m[1]), lost: Number(m[2]), length: nl + 1 - pos } : null;
}

/** `#` comment lines at the start of the input, up to the first line that is not a comment. */
function scanHeader(b: Uint8Array, pos: number): TextScan | null {
  let p = pos;
  while (p < b.length && b[p] === 0x23) {
    const nl = lineEnd(b, p);
    if (nl === -1) return b.length - p < MAX_LINE ? 'incomplete' : null;
    p = nl + 1;
  }
  if (p >= b.length) return 'incomplete'; // more comment lines may follow
  return { kind: 'header', length: p - pos };
}

function lineEnd(b: Uint8Array, pos: number): number {
  const lim = Math.min(b.length, pos + MAX_LINE);
  for (let i = pos; i < lim; i++) if (b[i] === 0x0a) return i;
  return -1;
}

function ascii(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]);
  return s;
}
