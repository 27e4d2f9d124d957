// Lets the sampler take a sample between I/Os: threads enter() before each request and leave()
// after it; pauseAll() waits until no request is in flight and holds new ones back until
// resume(). A sample taken while paused sits between two requests of every thread. Pausers
// take turns (a sample never lands inside another pauser's section, e.g. a swap release).
export class Gate {
  private active = 0;
  private paused = false;
  private waiters: (() => void)[] = [];
  private idle: (() => void) | null = null;
  private turn: Promise<void> = Promise.resolve();
  private endTurn: (() => void) | null = null;

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
    const prev = this.turn;
    let end!: () => void;
    this.turn = new Promise<void>((r) => { end = r; });
    await prev;
    this.endTurn = end;
    this.paused = true;
    if (this.active > 0) await new Promise<void>((r) => { this.idle = r; });
  }

  resume(): void {
    this.paused = false;
    for (const w of this.waiters.splice(0)) w();
    const end = this.endTurn;
    this.endTurn = null;
    end?.();
  }

  /** Runs `fn` with every thread paused and no other pauser in between. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    await this.pauseAll();
    try { return await fn(); } finally { this.resume(); }
  }
}
