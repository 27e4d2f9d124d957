// Where write contents come from when a trace becomes events (DESIGN.md: contents live in the
// log). A blktrace trace has no data, so the caller chooses: exact contents captured by a recorder,
// a seeded synthetic mix (src/content), or an image file (image-source.ts, fs side).
// `description` becomes the log header's contentSource string.
import { formatMix, mixedPage, parseMix } from '../content';
import type { BioOp } from '../events/types';
import { PAGE_SIZE } from '../units';

/** What a content source is told about the bio whose page it must produce. */
export interface BioInfo {
  readonly bioId: number;
  readonly op: BioOp;
  readonly sector: number;      // 512-byte units
  readonly bytes: number;
  readonly time: bigint;        // trace clock
  readonly pageOrdinal: number; // pages written by earlier bios in this ingest (a stable index)
}

export interface ContentSource {
  readonly description: string;                          // 'exact' | 'synthetic:SPEC' | 'image:FILE'
  page(bio: BioInfo, pageIdx: number): Uint8Array;       // exactly PAGE_SIZE bytes
}

/** (a) Exact contents from a recorder: `fn(bio, pageIdx)` returns page pageIdx of the bio. */
export function exactContent(fn: (bio: BioInfo, pageIdx: number) => Uint8Array, label = 'exact'): ContentSource {
  return {
    description: label,
    page(bio, i) {
      const p = fn(bio, i);
      if (p.length !== PAGE_SIZE) throw new RangeError(`exact content for bio ${bio.bioId} page ${i}: ${p.length} bytes, expected ${PAGE_SIZE}`);
      return p;
    },
  };
}

/** (b) Seeded synthetic pages from src/content's mix generator: page k of the run is
 * mixedPage(mix, seed, k), so the same trace, spec and seed always give the same log. */
export function syntheticContent(spec: string, seed: number): ContentSource {
  const mix = parseMix(spec);
  return {
    description: `synthetic:seed=${seed};${formatMix(mix)}`,
    page: (bio, i) => mixedPage(mix, seed, bio.pageOrdinal + i).page,
  };
}

/** Every page zero: the trivial source, for tests and for traces where contents do not matter. */
export const zeroContent: ContentSource = {
  description: 'synthetic:zeros',
  page: () => new Uint8Array(PAGE_SIZE),
};
