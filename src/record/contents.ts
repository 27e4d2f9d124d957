// Page i of a step's content stream, from its ContentSpec: the seeded src/content mix, a
// same-filled pattern, or the pages of a file (cycled). Deterministic for a given seed.
import * as fs from 'node:fs';
import { filePages, mixedPage, parseMix } from '../content';
import { PAGE_SIZE } from '../units';
import type { ContentSpec } from './workload-types';

export type PageSource = (index: number) => Uint8Array;

export function pageSource(spec: ContentSpec, seed: number): PageSource {
  switch (spec.kind) {
    case 'mix': {
      const mix = parseMix(spec.spec);
      return (i) => mixedPage(mix, seed, i).page;
    }
    case 'same': {
      const page = new Uint8Array(PAGE_SIZE);
      for (let i = 0; i < PAGE_SIZE; i++) page[i] = spec.pattern[i % spec.pattern.length];
      return () => page;
    }
    case 'file': {
      const pages = filePages(new Uint8Array(fs.readFileSync(spec.path)));
      if (pages.length === 0) throw new Error(`content file ${spec.path} is empty`);
      return (i) => pages[i % pages.length];
    }
  }
}

/** `len` bytes of consecutive pages starting at stream index `first`. */
export function pagesOf(src: PageSource, first: number, len: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < len / PAGE_SIZE; i++) out.push(src(first + i));
  return out;
}
