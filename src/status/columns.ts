// zramctl's status view (util-linux): its columns, its human sizes (size_to_human_string with
// one-letter suffixes: binary units, one decimal rounded half up, "B" for bytes), its table
// (libsmartcols: one space between columns, numbers right-aligned, the last column unpadded),
// raw output (\xHH escapes for blanks and specials) and a --json form for scripts. Pure.

export interface StatusRow {
  name: string; algorithm: string; disksize: number; data: number; compr: number; total: number;
  streams: number | null; zeroPages: number; memLimit: number; memUsed: number; migrated: number; mountpoint: string;
}

type Kind = 'text' | 'size' | 'number';
/** `min`: zramctl's width hint, a minimum width even when header and values are shorter. */
export interface Column {
  name: string; kind: Kind; min: number; help: string; get(r: StatusRow): string | number | null;
}

const col = (name: string, kind: Kind, min: number, help: string, get: Column['get']): Column =>
  ({ name, kind, min, help, get });

/** In zramctl's order (zramctl --help). MIGRATED is printed as a size, as zramctl does. */
export const COLUMNS: readonly Column[] = [
  col('NAME', 'text', 0, 'zram device name', (r) => r.name),
  col('DISKSIZE', 'size', 5, 'limit on the uncompressed amount of data', (r) => r.disksize),
  col('DATA', 'size', 5, 'uncompressed size of stored data', (r) => r.data),
  col('COMPR', 'size', 5, 'compressed size of stored data', (r) => r.compr),
  col('ALGORITHM', 'text', 3, 'the selected compression algorithm', (r) => r.algorithm),
  col('STREAMS', 'number', 3, 'number of concurrent compress operations', (r) => r.streams),
  col('ZERO-PAGES', 'number', 3, 'empty pages with no allocated memory', (r) => r.zeroPages),
  col('TOTAL', 'size', 5, 'all memory including allocator fragmentation and metadata overhead', (r) => r.total),
  col('MEM-LIMIT', 'size', 5, 'memory limit used to store compressed data', (r) => r.memLimit),
  col('MEM-USED', 'size', 5, 'memory zram have been consumed to store compressed data', (r) => r.memUsed),
  col('MIGRATED', 'size', 5, 'number of objects migrated by compaction', (r) => r.migrated),
  col('MOUNTPOINT', 'text', 0, 'where the device is mounted', (r) => r.mountpoint),
];

export const DEFAULT_COLUMNS = ['NAME', 'ALGORITHM', 'DISKSIZE', 'DATA', 'COMPR', 'TOTAL', 'STREAMS', 'MOUNTPOINT'];

/** -o LIST (comma-separated, any case; "+LIST" appends to the defaults). Throws on a name it does not know. */
export function parseColumns(list: string | undefined, all = false): Column[] {
  if (all) return [...COLUMNS];
  const names = list === undefined ? DEFAULT_COLUMNS
    : list.startsWith('+') ? [...DEFAULT_COLUMNS, ...list.slice(1).split(',')] : list.split(',');
  return names.map((n) => {
    const c = COLUMNS.find((x) => x.name === n.trim().toUpperCase());
    if (!c) throw new RangeError(`unknown column: ${n} (known: ${COLUMNS.map((x) => x.name).join(',')})`);
    return c;
  });
}

const LETTERS = 'BKMGTPE';

/** util-linux size_to_human_string(SIZE_SUFFIX_1LETTER): 0 -> "0B", 65536 -> "64K", 31.26 MiB -> "31.3M". */
export function humanSize(bytes: number): string {
  let exp = 0;
  while (exp < 60 && bytes >= 2 ** (exp + 10)) exp += 10;
  const unit = 2 ** exp;
  let dec = Math.floor(bytes / unit);
  let frac = exp ? bytes - dec * unit : 0;
  if (frac) {
    frac = Math.floor((frac * 1000) / unit);  // three digits after the point
    frac = Math.floor((frac + 50) / 100);     // rounded to one
    if (frac === 10) { dec++; frac = 0; }
  }
  const c = LETTERS[exp / 10];
  return frac ? `${dec}.${frac}${c}` : `${dec}${c}`;
}

function cell(c: Column, r: StatusRow, bytes: boolean): string {
  const v = c.get(r);
  if (v === null) return '';
  if (c.kind === 'size' && !bytes) return humanSize(v as number);
  return String(v);
}

/** The aligned table (zramctl's default output); widths count the headings even when not printed. */
export interface TableOptions { bytes: boolean; headings: boolean }

export function formatTable(rows: readonly StatusRow[], cols: readonly Column[], o: TableOptions): string {
  const cells = rows.map((r) => cols.map((c) => cell(c, r, o.bytes)));
  const widths = cols.map((c, i) => Math.max(c.min, c.name.length, ...cells.map((row) => row[i].length)));
  if (o.headings) cells.unshift(cols.map((c) => c.name));
  return cells.map((row) => row.map((s, i) => {
    if (i === cols.length - 1 && cols[i].kind === 'text') return s;
    return cols[i].kind === 'text' ? s.padEnd(widths[i]) : s.padStart(widths[i]);
  }).join(' ') + '\n').join('');
}

/** libsmartcols' raw-mode escaping: blanks, backslashes and control characters as \xHH. */
const rawEscape = (s: string): string =>
  s.replace(/[\s\\\x00-\x1f\x7f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);

export function formatRaw(rows: readonly StatusRow[], cols: readonly Column[], o: TableOptions): string {
  const lines = rows.map((r) => cols.map((c) => rawEscape(cell(c, r, o.bytes))).join(' '));
  if (o.headings) lines.unshift(cols.map((c) => c.name).join(' '));
  return lines.map((l) => l + '\n').join('');
}

/** --json: column names in lower case, sizes and counts as numbers (bytes), empty as null. */
export function formatJson(rows: readonly StatusRow[], cols: readonly Column[]): string {
  const devices = rows.map((r) => Object.fromEntries(cols.map((c) => {
    const v = c.get(r);
    return [c.name.toLowerCase(), v === '' ? null : v];
  })));
  return JSON.stringify({ devices }, null, 2) + '\n';
}
