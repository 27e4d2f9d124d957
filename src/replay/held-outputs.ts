// What waits for the input's digest. The outputs header carries the digest of the log, and hashing
// a large log takes as long as a tenth of its fold: rather than wait, the fold starts at once and
// only the header is held until the hash arrives (the outputs file keeps its place: LineFile).
export class HeldOutputs {
  private held: (() => void)[] | null = [];
  private failure: unknown = null;
  private value = '';
  /** Settles once the digest is known and the held records went out (rejects if hashing failed). */
  readonly done: Promise<void>;

  constructor(pending: Promise<string>) {
    this.done = pending.then((d) => {
      this.value = d;
      const held = this.held ?? [];
      this.held = null;
      for (const f of held) f();
    }, (e: unknown) => { this.failure = e; });
  }

  /** The digest ('' until known). */
  get digest(): string {
    return this.value;
  }

  /** Runs `f` now if the digest is known, else once it is, after the records held before it. */
  run(f: () => void): void {
    if (this.held) this.held.push(f);
    else f();
  }

  /** Waits for the digest and the held records; throws what hashing threw. */
  async settle(): Promise<string> {
    await this.done;
    if (this.failure !== null) throw this.failure;
    return this.value;
  }
}
