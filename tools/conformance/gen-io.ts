// I/O op builders for the generator: writes of mixed content (same-filled and near-huge
// pages included), reads, discards/write-zeroes, and the misaligned/out-of-range variants.
import { mixKind, parseMix, Prng } from '../../src/content';
import { Op, PageRef } from './ops';

/** Content of conformance writes: every category, same-filled and borderline included. */
export const CONFORMANCE_MIX = parseMix('text:0.25,binary:0.15,zeros:0.15,random:0.08,same:0.17,borderline:0.12,ramp:0.08');

const MAX_BIO_PAGES = 256;

export class IoGen {
  private nextContent = 0;
  private readonly recent: PageRef[] = [];

  constructor(private readonly rng: Prng, private readonly seed: number) {}

  /** Mostly short bios, sometimes long ones, up to one full 1 MiB bio. */
  count(max = MAX_BIO_PAGES): number {
    const r = this.rng.float();
    const n = r < 0.6 ? this.rng.range(1, 4) : r < 0.9 ? this.rng.range(5, 32) : this.rng.range(33, MAX_BIO_PAGES);
    return Math.max(1, Math.min(n, max));
  }

  /** A start page; half the time in the first quarter so overwrites are common. */
  start(pages: number): number {
    return this.rng.chance(0.5) ? this.rng.below(Math.max(1, pages >> 2)) : this.rng.below(pages);
  }

  page(): PageRef {
    if (this.recent.length > 0 && this.rng.chance(0.08)) return this.rng.pick(this.recent); // rewrite identical content
    const index = this.nextContent++;
    const ref = { kind: mixKind(CONFORMANCE_MIX, this.seed, index), index };
    if (this.recent.length >= 64) this.recent.shift();
    this.recent.push(ref);
    return ref;
  }

  write(pages: number): Op {
    const first = this.start(pages);
    const n = this.count(pages - first);
    return { kind: 'write', offset: first * 4096, pages: Array.from({ length: n }, () => this.page()), extra: 0 };
  }

  read(pages: number): Op {
    const first = this.start(pages);
    return { kind: 'read', offset: first * 4096, length: this.count(pages - first) * 4096 };
  }

  discard(pages: number, kind: 'discard' | 'writeZeroes'): Op {
    if (this.rng.chance(0.03)) return { kind, offset: 0, length: pages * 4096 }; // the whole device
    const first = this.start(pages);
    return { kind, offset: first * 4096, length: Math.min(this.rng.range(1, 64), pages - first) * 4096 };
  }

  /** Requests the block layer refuses or trims before zram: misaligned, straddling, past the end. */
  bad(pages: number): Op {
    const end = pages * 4096;
    const p = this.rng.below(Math.max(1, pages - 1)) * 4096;
    switch (this.rng.below(9)) {
      case 0: return { kind: 'write', offset: p + 512, pages: [this.page()], extra: 0 };
      case 1: return { kind: 'write', offset: p, pages: [this.page()], extra: 512 };
      case 2: return { kind: 'write', offset: end - 4096, pages: [this.page(), this.page(), this.page()], extra: 0 };
      case 3: return { kind: 'write', offset: end + 4096 * this.rng.below(3), pages: [this.page()], extra: 0 };
      case 4: return { kind: 'read', offset: p + 2048, length: 4096 };
      case 5: return { kind: 'read', offset: end - 4096 * this.rng.range(0, 2), length: 16384 };
      case 6: return { kind: this.rng.chance(0.5) ? 'discard' : 'writeZeroes', offset: p + 512, length: 4096 };
      case 7: return { kind: 'discard', offset: p, length: 2048 };
      default: return { kind: this.rng.chance(0.5) ? 'discard' : 'writeZeroes', offset: end - 4096, length: 8192 };
    }
  }
}
