// Loads the kernel page-size fixture (built by tools/oracle/page-sizes.ts on the real kernel):
// regenerates every page from its source and checks it against the stored SHA-1, so a changed
// corpus generator or a changed file is reported instead of silently compared.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CONTENT_GENERATOR_VERSION } from '../../src/content';
import { pageOf, repoRoot, sha1, sourceLabel } from '../../tools/oracle/corpus';
import { FIXTURE_PATH, MeasuredSize, PageSizeFixture } from '../../tools/oracle/fixture-format';

/** Keys of `sizes`: 'lz4' (level 1), 'lz4-level8' (algorithm_params level=8), 'lzo', 'lzo-rle'. */
export type FixtureAlgorithm = 'lz4' | 'lz4-level8' | 'lzo' | 'lzo-rle';

export interface LoadedPageSizes {
  readonly pages: Uint8Array[];
  /** Per algorithm, per page: the kernel's comp_len, or 'huge' (comp_len >= 3625, stored raw). */
  readonly sizes: Record<FixtureAlgorithm, MeasuredSize[]>;
  /** Where each page came from ('text#12', 'node_modules/...@40960'), for failure messages. */
  readonly labels: string[];
  readonly fixture: PageSizeFixture;
}

let cached: LoadedPageSizes | undefined;

export function readPageSizeFixture(): PageSizeFixture {
  const file = path.join(repoRoot(), FIXTURE_PATH);
  return JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as PageSizeFixture;
}

export function loadPageSizeFixture(): LoadedPageSizes {
  if (cached) return cached;
  const fixture = readPageSizeFixture();
  if (fixture.generatorVersion !== CONTENT_GENERATOR_VERSION) {
    throw new Error(`page-size fixture was built with content generator v${fixture.generatorVersion}, ` +
      `the code is v${CONTENT_GENERATOR_VERSION}: rerun tools/oracle/page-sizes.ts as root`);
  }
  const pages: Uint8Array[] = [];
  const labels: string[] = [];
  const bad: string[] = [];
  for (const p of fixture.pages) {
    const src = 'kind' in p ? { kind: p.kind, index: p.index } : { file: p.file, offset: p.offset };
    const page = pageOf(src, fixture.seed);
    labels.push(sourceLabel(src));
    if (sha1(page) !== p.sha1) bad.push(sourceLabel(src));
    pages.push(page);
  }
  if (bad.length) {
    throw new Error(`page-size fixture: ${bad.length} pages no longer match their SHA-1 (first: ${bad.slice(0, 5).join(', ')}); ` +
      'the corpus or a pinned file changed: rerun tools/oracle/page-sizes.ts as root');
  }
  cached = { pages, sizes: fixture.sizes as Record<FixtureAlgorithm, MeasuredSize[]>, labels, fixture };
  return cached;
}
