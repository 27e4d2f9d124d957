// Pairs each Q with its C: same device, sector, size and direction (WRITE bit), first in first
// out. A C with no pending Q is kept as an orphan; a later matching Q takes it (the pair was out of
// order: a completion timestamped before its queue event on another CPU) and completes at once.

export interface PairKey { readonly device: number; readonly sector: bigint; readonly bytes: number; readonly write: boolean }

const keyOf = (k: PairKey): string => `${k.device}:${k.sector}:${k.bytes}:${k.write ? 1 : 0}`;

export class QcPairer {
  private readonly pending = new Map<string, number[]>();
  private readonly orphans = new Map<string, number>();
  private inFlight = 0;
  paired = 0;
  outOfOrder = 0;

  /** Registers a Q; returns true when an earlier orphan C completes it right away. */
  queued(k: PairKey, bioId: number): boolean {
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
    if (l) l.push(bioId);
    else this.pending.set(key, [bioId]);
    this.inFlight++;
    return false;
  }

  /** The bioId this completion finishes, or null (kept as an orphan). */
  completed(k: PairKey): number | null {
    const key = keyOf(k);
    const l = this.pending.get(key);
    if (!l || l.length === 0) {
      this.orphans.set(key, (this.orphans.get(key) ?? 0) + 1);
      return null;
    }
    const id = l.shift()!;
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
    return [...this.pending.values()].flat().sort((a, b) => a - b);
  }
}
