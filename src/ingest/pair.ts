// Pairs each Q with its C: same device, sector, size and direction (WRITE bit), first in first
// out, except that a C takes the oldest pending Q of its own pid when there is one: zram completes
// a bio in the context that submitted it, so when two tasks have the same range in flight (a
// swap-in and the recorder's read-back of that page) the pid tells them apart. A C with no
// pending Q is kept as an orphan; a later matching Q takes it (the pair was out of order: a
// completion timestamped before its queue event on another CPU) and completes at once.

export interface PairKey { readonly device: number; readonly sector: bigint; readonly bytes: number; readonly write: boolean }

const keyOf = (k: PairKey): string => `${k.device}:${k.sector}:${k.bytes}:${k.write ? 1 : 0}`;

interface Pending { readonly bioId: number; readonly pid: number | undefined }

export class QcPairer {
  private readonly pending = new Map<string, Pending[]>();
  private readonly orphans = new Map<string, number>();
  private inFlight = 0;
  paired = 0;
  outOfOrder = 0;

  /** Registers a Q (of `pid`, when known); returns true when an earlier orphan C completes it right away. */
  queued(k: PairKey, bioId: number, pid?: number): boolean {
    const key = keyOf(k);
    const orphan = this.orphans.get(key) ?? 0;
    if (orphan > 0) {
      if (orphan === 1) this.orphans.delete(key);
      else this.orphans.set(key, orphan - 1);
      this.outOfOrder++;
      this.paired++;
      return true;
    }
    const l = this.pending.get(key);
    if (l) l.push({ bioId, pid });
    else this.pending.set(key, [{ bioId, pid }]);
    this.inFlight++;
    return false;
  }

  /** The bioId this completion (of `pid`, when known) finishes, or null (kept as an orphan). */
  completed(k: PairKey, pid?: number): number | null {
    const key = keyOf(k);
    const l = this.pending.get(key);
    if (!l || l.length === 0) {
      this.orphans.set(key, (this.orphans.get(key) ?? 0) + 1);
      return null;
    }
    const own = pid === undefined || l.length === 1 ? -1 : l.findIndex((p) => p.pid === pid);
    const id = l.splice(own < 0 ? 0 : own, 1)[0].bioId;
    if (l.length === 0) this.pending.delete(key);
    this.inFlight--;
    this.paired++;
    return id;
  }

  /** Completions that never found their Q. */
  get unpairedC(): number {
    let n = 0;
    for (const v of this.orphans.values()) n += v;
    return n;
  }

  /** bioIds still waiting for their C, in order. */
  unpairedQ(): number[] {
    return [...this.pending.values()].flat().map((p) => p.bioId).sort((a, b) => a - b);
  }
}
