// The kernel's sysfs number parsers, as zram's store handlers call them. Each returns
// the value or the errno the kernel returns. Inputs are the raw buffer (with echo's "\n").
import type { Errno } from '../../errors';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errno: Errno };
const fail = (errno: Errno): Parsed<never> => ({ ok: false, errno });
const U64 = (1n << 64n) - 1n;

/** simple_strtoull(s, &end, 0): base from the prefix ("0x" + hex digit → 16, "0" → 8, else 10),
 * no sign, no leading space, wraps on overflow. Returns the value and how many chars it used. */
export function simpleStrtoull(s: string): { value: bigint; end: number } {
  let base = 10n;
  let i = 0;
  if (s[0] === '0') {
    if ((s[1] === 'x' || s[1] === 'X') && /[0-9a-fA-F]/.test(s[2] ?? '')) { base = 16n; i = 2; } else base = 8n;
  }
  let v = 0n;
  for (; i < s.length; i++) {
    const d = parseInt(s[i], 16);
    if (Number.isNaN(d) || BigInt(d) >= base) break;
    v = (v * base + BigInt(d)) & U64;
  }
  return { value: v, end: i };
}

/** memparse(): a number with an optional K/M/G/T/P/E suffix (powers of 1024). */
export function memparse(s: string): { value: bigint; end: number } {
  const r = simpleStrtoull(s);
  const shift = { k: 10n, m: 20n, g: 30n, t: 40n, p: 50n, e: 60n }[(s[r.end] ?? '').toLowerCase()];
  if (shift === undefined) return r;
  return { value: (r.value << shift) & U64, end: r.end + 1 };
}

/** kstrtoull/kstrtoul(s, base 10): optional '+', digits, one optional trailing "\n", nothing else. */
export function kstrtoull(s: string, max: bigint = U64): Parsed<bigint> {
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  const m = /^\+?([0-9]+)$/.exec(body);
  if (!m) return fail('EINVAL');
  const v = BigInt(m[1]);
  return v > max ? fail('ERANGE') : { ok: true, value: v };
}

/** kstrtou16(s, 10). */
export const kstrtou16 = (s: string): Parsed<number> => {
  const r = kstrtoull(s, 0xffffn);
  return r.ok ? { ok: true, value: Number(r.value) } : r;
};

/** kstrtoint(s, 10): optional sign, range of s32. */
export function kstrtoint(s: string): Parsed<number> {
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  const m = /^([+-]?)([0-9]+)$/.exec(body);
  if (!m) return fail('EINVAL');
  const v = BigInt(m[2]) * (m[1] === '-' ? -1n : 1n);
  return v > 0x7fffffffn || v < -0x80000000n ? fail('ERANGE') : { ok: true, value: Number(v) };
}

/** sysfs_streq(a, b): equal, ignoring one trailing newline on either side. */
export const sysfsStreq = (a: string, b: string): boolean =>
  (a.endsWith('\n') ? a.slice(0, -1) : a) === (b.endsWith('\n') ? b.slice(0, -1) : b);

/** next_arg()-style split of "k=v k2=v2": whitespace separated; a key without '=' has no value. */
export function splitParams(s: string): { key: string; value: string | null }[] {
  return s.split(/\s+/).filter((t) => t.length > 0).map((t) => {
    const eq = t.indexOf('=');
    return eq < 0 ? { key: t, value: null } : { key: t.slice(0, eq), value: t.slice(eq + 1) };
  });
}
