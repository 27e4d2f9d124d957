// handle -> arena position of its object: open addressing over two Int32Arrays (handles are
// never 0, so 0 marks an empty cell), linear probing, deletion by shifting the run back (no
// tombstones). A Map here cost a rehash and a new table every so often on the malloc path;
// this costs no allocation but the growth. Plain data: fold snapshots serialise it with v8.

export interface HandleTable {
  keys: Int32Array;
  vals: Int32Array;
  /** Live entries. */
  size: number;
}

const MIN_CELLS = 64;

export const newHandleTable = (): HandleTable =>
  ({ keys: new Int32Array(MIN_CELLS), vals: new Int32Array(MIN_CELLS), size: 0 });

/** The home cell of handle `h` in a table of `n` cells (n a power of 2). */
const home = (h: number, n: number): number => Math.imul(h, 0x9e3779b1) >>> 0 & (n - 1);

/** The cell holding `h`, or -1. */
function find(t: HandleTable, h: number): number {
  const keys = t.keys, mask = keys.length - 1;
  for (let i = home(h, keys.length); ; i = (i + 1) & mask) {
    const k = keys[i];
    if (k === h) return i;
    if (k === 0) return -1;
  }
}

export function handleGet(t: HandleTable, h: number): number | undefined {
  const i = find(t, h);
  return i < 0 ? undefined : t.vals[i];
}

function insert(keys: Int32Array, vals: Int32Array, h: number, v: number): boolean {
  const mask = keys.length - 1;
  for (let i = home(h, keys.length); ; i = (i + 1) & mask) {
    const k = keys[i];
    if (k === h) { vals[i] = v; return false; }
    if (k === 0) { keys[i] = h; vals[i] = v; return true; }
  }
}

/** Sets handle `h` (an integer 1 .. 2^31-1) to position `v`. */
export function handleSet(t: HandleTable, h: number, v: number): void {
  if ((t.size + 1) * 2 > t.keys.length) grow(t);
  if (insert(t.keys, t.vals, h, v)) t.size++;
}

function grow(t: HandleTable): void {
  const { keys, vals } = t;
  const nk = new Int32Array(keys.length * 2), nv = new Int32Array(keys.length * 2);
  for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) insert(nk, nv, keys[i], vals[i]);
  t.keys = nk;
  t.vals = nv;
}

/** Removes `h`; true when it was there. Later cells of its run move back so every entry stays
 * reachable from its home cell without a gap. */
export function handleDelete(t: HandleTable, h: number): boolean {
  let gap = find(t, h);
  if (gap < 0) return false;
  const keys = t.keys, vals = t.vals, n = keys.length, mask = n - 1;
  for (let j = (gap + 1) & mask; keys[j] !== 0; j = (j + 1) & mask) {
    // the entry at j may fill the gap unless its home lies cyclically in (gap, j]
    const d = home(keys[j], n);
    if (((j - d) & mask) >= ((j - gap) & mask)) {
      keys[gap] = keys[j]; vals[gap] = vals[j];
      gap = j;
    }
  }
  keys[gap] = 0;
  vals[gap] = 0;
  t.size--;
  return true;
}
