// --content: where the bytes of writes that carry none come from. "exact" uses only the log's
// own contents (a write without them is bad input); "synthetic:SPEC" draws pages from the seeded
// mix generator (src/content), "image:FILE" reads them from an image at the bio's offset.
// Writes that carry their contents keep them in every mode.
import * as fs from 'node:fs';
import type { Mix } from '../content';
import type { PagePayload, Recorded, ZramEvent } from '../events/types';
import { PAGE_SIZE, SECTOR_SIZE } from '../units';
import { BadInputError } from './bad-input';

export type ContentMode = { kind: 'exact' } | { kind: 'synthetic'; mix: Mix; spec: string } | { kind: 'image'; path: string };

/** Keys of generated pages start here, far from any key a log assigns. */
const GENERATED_KEY_BASE = 2 ** 48;
const SYNTHETIC_SEED = 1;
/** The generators (src/content) load only for synthetic contents: an exact replay draws no page. */
const generators = (): typeof import('../content') => require('../content') as typeof import('../content');

export function parseContentMode(s: string): ContentMode {
  if (s === 'exact') return { kind: 'exact' };
  if (s.startsWith('synthetic:')) {
    const spec = s.slice('synthetic:'.length);
    try {
      return { kind: 'synthetic', mix: generators().parseMix(spec), spec };
    } catch (e) {
      throw new BadInputError(`--content ${s}: ${(e as Error).message}`);
    }
  }
  if (s.startsWith('image:')) return { kind: 'image', path: s.slice('image:'.length) };
  throw new BadInputError(`--content '${s}': expected exact, synthetic:SPEC or image:FILE`);
}

/** Pages generated so far: the next generated page's index and key (a fold snapshot carries it). */
export interface FillState { generated: number }

export function fillContent(events: Iterable<Recorded<ZramEvent>>, mode: ContentMode,
  state: FillState = { generated: 0 }): Iterable<Recorded<ZramEvent>> {
  return mode.kind === 'exact' ? events : filled(events, mode, state); // exact: no stage at all
}

function* filled(events: Iterable<Recorded<ZramEvent>>, mode: Exclude<ContentMode, { kind: 'exact' }>,
  state: FillState): Generator<Recorded<ZramEvent>> {
  const source = mode.kind === 'synthetic' ? syntheticSource(mode.mix, state) : imageSource(mode.path, state);
  try {
    for (const r of events) {
      const e = r.event;
      if (e.type !== 'BioQueued' || e.op !== 'write' || e.pages.length > 0) { yield r; continue; }
      const pages: PagePayload[] = [];
      for (let off = 0; off < e.bytes; off += PAGE_SIZE) pages.push(source.page(e.sector * SECTOR_SIZE + off));
      yield { seq: r.seq, ts: r.ts, event: { ...e, pages } };
    }
  } finally {
    source.close();
  }
}

interface PageSource { page(offset: number): PagePayload; close(): void }

function syntheticSource(mix: Mix, state: FillState): PageSource {
  const { mixedPage } = generators();
  return {
    page: () => {
      const i = state.generated++;
      return { key: GENERATED_KEY_BASE + i, data: mixedPage(mix, SYNTHETIC_SEED, i).page };
    },
    close: () => undefined,
  };
}

function imageSource(path: string, state: FillState): PageSource {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (e) {
    throw new BadInputError(`--content image:${path}: ${(e as Error).message}`);
  }
  return {
    page(offset) {
      const data = new Uint8Array(PAGE_SIZE); // past the image's end: zeros
      fs.readSync(fd, data, 0, PAGE_SIZE, offset);
      return { key: GENERATED_KEY_BASE + state.generated++, data };
    },
    close: () => fs.closeSync(fd),
  };
}
