// One worker's copy of the event stream, read by each of its folds at its own pace: batches are
// kept until every fold still reading has passed them, then dropped and acknowledged to the
// main thread (which sends no more than a window ahead of the slowest acknowledgement, so
// memory stays bounded). A fold that stops early (it failed) stops holding batches back.
import type { Recorded, ZramEvent } from '../events/types';

export class Feed {
  private readonly batches: (readonly Recorded<ZramEvent>[])[] = [];
  private base = 0;                 // the number of the first batch still kept
  private ended = false;
  private wake: (() => void) | null = null;
  private woken: Promise<void> | null = null;
  /** Per reader: the next batch it will read; absent once it stopped. */
  private readonly next = new Map<number, number>();

  constructor(readers: readonly number[], private readonly ack: (batch: number) => void) {
    for (const r of readers) this.next.set(r, 0);
  }

  push(batch: readonly Recorded<ZramEvent>[]): void {
    this.batches.push(batch);
    this.release();
    this.signal();
  }

  end(): void {
    this.ended = true;
    this.signal();
  }

  private signal(): void {
    this.wake?.();
    this.wake = null;
    this.woken = null;
  }

  private arrival(): Promise<void> {
    this.woken ??= new Promise((res) => { this.wake = res; });
    return this.woken;
  }

  /** Drops (and acknowledges) the batches every reader has passed. */
  private release(): void {
    const low = Math.min(...this.next.values(), this.base + this.batches.length);
    while (this.base < low) {
      this.batches.shift();
      this.ack(this.base++);
    }
  }

  /** The reader will read no more (its fold ended, however it ended). */
  stop(reader: number): void {
    this.next.delete(reader);
    this.release();
  }

  async *read(reader: number): AsyncGenerator<Recorded<ZramEvent>> {
    try {
      for (let b = this.next.get(reader) ?? 0; ; b++) {
        while (b - this.base >= this.batches.length) {
          if (this.ended) return;
          await this.arrival();
        }
        yield* this.batches[b - this.base];
        this.next.set(reader, b + 1);
        this.release();
      }
    } finally {
      this.stop(reader);
    }
  }
}
