// Lets the sampler take a sample between I/Os: threads enter() before each request and leave()
// after it; pauseAll() waits until no request is in flight and holds new ones back until
// resume(). A sample taken while paused sits between two requests of every thread. Pausers
// take turns (a sample never lands inside another pauser's section, e.g. a swap release); the
// gate closes at the pauseAll() call itself, so no enter() slips in while a pauser waits.
export class Gate {
  private active = 0;
  private paused = false;
  private waiters: (() => void)[] = [];
  private idle: (() => void) | null = null;
  private pausers = 0;                 // pauseAll() calls not yet resumed; the first has the turn
  private turns: (() => void)[] = [];  // the others, in call order

  async enter(): Promise<void> {
    while (this.paused) await new Promise<void>((r) => this.waiters.push(r));
    this.active++;
  }

  leave(): void {
    this.active--;
    if (this.active === 0 && this.idle) {
      const f = this.idle;
      this.idle = null;
      f();
    }
  }

  async pauseAll(): Promise<void> {
    this.paused = true;
    if (++this.pausers > 1) await new Promise<void>((r) => this.turns.push(r));
    if (this.active > 0) await new Promise<void>((r) => { this.idle = r; });
  }

  /** Ends the current pauser's turn: the next pauser's starts (still paused), else threads go on. */
  resume(): void {
    this.pausers--;
    const next = this.turns.shift();
    if (next) { next(); return; }
    this.paused = false;
    for (const w of this.waiters.splice(0)) w();
  }

  /** Runs `fn` with every thread paused and no other pauser in between. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    await this.pauseAll();
    try { return await fn(); } finally { this.resume(); }
  }
}
