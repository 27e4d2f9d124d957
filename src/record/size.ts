// Sizes in workload files and on the command line: a whole number with an optional K/M/G
// suffix in powers of 1024 (like the kernel's memparse), e.g. 4096, 128K, 4M.
const SHIFT: Record<string, number> = { '': 0, k: 10, m: 20, g: 30 };

/** The byte count, or null when `s` is not a size. */
export function parseSize(s: string): number | null {
  const m = /^(\d+)([kmgKMG]?)(?:i?[bB])?$/.exec(s.trim());
  if (!m) return null;
  const v = Number(m[1]) * 2 ** SHIFT[m[2].toLowerCase()];
  return Number.isSafeInteger(v) ? v : null;
}

export function formatSize(n: number): string {
  for (const [suffix, shift] of [['G', 30], ['M', 20], ['K', 10]] as const) {
    if (n >= 2 ** shift && n % 2 ** shift === 0) return `${n / 2 ** shift}${suffix}`;
  }
  return String(n);
}
