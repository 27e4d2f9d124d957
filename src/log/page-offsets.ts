// Where each page content sits in the log file, by key: the only part of a reader that grows with
// the log. Writers number contents 1, 2, 3... (ingest, the recorders, LogWriter's users), so the
// offsets are kept in a typed array indexed by key, 8 bytes a page and no Map entry per page (a
// Map's growth and churn were a twentieth of a replay's time); a key far beyond the count goes to
// a Map. Each key also carries a small number for its user (LogDecoder: its slot in the ring).
const MIN_DENSE = 1 << 16;

export class PageOffsets {
  private at = new Float64Array(0);     // by key: file offset, -1 = none
  private tag = new Int32Array(0);      // by key: the user's number
  private readonly sparse = new Map<number, { at: number; tag: number }>();
  private order = new Float64Array(1024); // keys in the order they were set
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: number): number | undefined {
    const i = this.index(key);
    return i >= 0 ? this.at[i] : this.sparse.get(key)?.at;
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** Records `key` at `offset` (a key is set once: the caller checks has() first). */
  set(key: number, offset: number): void {
    if (this.dense(key)) this.at[key] = offset;
    else this.sparse.set(key, { at: offset, tag: 0 });
    if (this.count === this.order.length) this.order = grown(this.order, this.count * 2);
    this.order[this.count++] = key;
  }

  /** The user's number for a key set (0 until given). */
  getTag(key: number): number {
    const i = this.index(key);
    return i >= 0 ? this.tag[i] : this.sparse.get(key)?.tag ?? 0;
  }

  setTag(key: number, tag: number): void {
    const i = this.index(key);
    if (i >= 0) this.tag[i] = tag;
    else { const e = this.sparse.get(key); if (e) e.tag = tag; }
  }

  /** The arrays' index of a key they hold, else -1 (a key set before the arrays reached it is in the Map). */
  private index(key: number): number {
    return key >= 0 && key < this.at.length && this.at[key] >= 0 && Number.isInteger(key) ? key : -1;
  }

  /** The keys, in the order they were set. */
  *keys(): IterableIterator<number> {
    for (let i = 0; i < this.count; i++) yield this.order[i];
  }

  /** Whether `key` goes to the arrays (growing them if it may). */
  private dense(key: number): boolean {
    if (!Number.isInteger(key) || key < 0) return false;
    if (key < this.at.length) return true;
    if (key >= Math.max(MIN_DENSE, 8 * (this.count + 1))) return false;
    const n = Math.max(MIN_DENSE, this.at.length * 2, key + 1);
    const at = new Float64Array(n).fill(-1);
    at.set(this.at);
    this.at = at;
    this.tag = grown(this.tag, n);
    return true;
  }
}

function grown<T extends Float64Array | Int32Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
