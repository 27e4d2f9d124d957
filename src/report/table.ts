// Plain-text tables: columns padded to their widest cell, numbers right-aligned.
/** `right`: which columns to right-align, when not every cell of a numeric column looks like a number. */
export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[], indent = '  ',
  right?: readonly boolean[]): string {
  const cells = [head, ...rows].map((r) => r.map(String));
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = right ?? head.map((_, i) => rows.length > 0 &&
    rows.every((r) => typeof r[i] === 'number' || /^-?[\d.,]+%?$|^\+\d/.test(String(r[i]))));
  const line = (r: string[]) => indent + r.map((c, i) => (numeric[i] && i > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return cells.map(line).join('\n') + '\n';
}

export const fixed = (x: number | null, digits = 3): string => (x === null ? '-' : x.toFixed(digits));
export const percent = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(2)}%`);
export const signed = (x: number): string => (x === 0 ? '=' : x > 0 ? `+${x}` : String(x));

/** Key/value lines: keys padded to the widest. */
export function kv(rows: readonly (readonly [string, string | number])[], indent = '  '): string {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(w)}  ${v}`.trimEnd()).join('\n') + '\n';
}
