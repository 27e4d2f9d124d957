// Page-size oracle (run as root): `node dist/tools/oracle/page-sizes.js [--check]`.
// Builds the corpus, measures every page's kernel comp_len for lz4, lz4 level=8, lzo and
// lzo-rle on a private zram device, and writes test/fixtures/page-sizes/fixture.json.gz.
// With --check it compares against the stored fixture instead of writing it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CONTENT_GENERATOR_VERSION } from '../../src/content';
import { KernelZram } from '../../src/kernel/zram';
import { buildCorpus, ORACLE_FILES, ORACLE_MIX, ORACLE_SEED, packageVersion, pageOf, repoRoot, sha1 } from './corpus';
import { FIXTURE_PATH, MeasuredSize, ORACLE_ALGORITHMS, PageSizeFixture } from './fixture-format';
import { measureAlgorithm } from './measure';

async function measureAll(pages: Uint8Array[]): Promise<Record<string, MeasuredSize[]>> {
  const dev = await KernelZram.create();
  try {
    const sizes: Record<string, MeasuredSize[]> = {};
    for (const alg of ORACLE_ALGORITHMS) {
      const t0 = Date.now();
      sizes[alg.key] = await measureAlgorithm(dev, alg, pages);
      const huge = sizes[alg.key].filter((s) => s === 'huge').length;
      process.stderr.write(`${alg.key}: ${pages.length} pages, ${huge} huge, read-back ok (${Date.now() - t0} ms)\n`);
    }
    return sizes;
  } finally {
    await dev.dispose();
  }
}

/** One page per line, so the decompressed fixture diffs readably. */
function serialise(f: PageSizeFixture): string {
  const { pages, sizes, ...head } = f;
  const lines = pages.map((p) => '    ' + JSON.stringify(p));
  const sizeLines = Object.entries(sizes).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const headJson = JSON.stringify(head, null, 2).slice(0, -2);
  return `${headJson},\n  "pages": [\n${lines.join(',\n')}\n  ],\n  "sizes": {\n${sizeLines.join(',\n')}\n  }\n}\n`;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const sources = buildCorpus(ORACLE_SEED);
  const pages = sources.map((s) => pageOf(s, ORACLE_SEED));
  const sizes = await measureAll(pages);
  const files: PageSizeFixture['files'] = {};
  for (const f of ORACLE_FILES) {
    files[f.file] = { package: f.pkg, version: packageVersion(f.pkg), bytes: fs.statSync(path.join(repoRoot(), f.file)).size };
  }
  const fixture: PageSizeFixture = {
    format: 1,
    description: 'Kernel comp_len per page (compr_data_size delta of one O_DIRECT write into a fresh zram slot); "huge" = stored raw. Regenerate with tools/oracle/page-sizes.ts.',
    kernel: os.release(),
    generatorVersion: CONTENT_GENERATOR_VERSION,
    seed: ORACLE_SEED,
    mix: ORACLE_MIX,
    files,
    algorithms: ORACLE_ALGORITHMS,
    pages: sources.map((s, i) => ({ ...s, sha1: sha1(pages[i]) })),
    sizes,
  };
  const out = path.join(repoRoot(), FIXTURE_PATH);
  if (check) return compareWithStored(out, fixture);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, gzipSync(serialise(fixture), { level: 9 }));
  process.stderr.write(`wrote ${out} (${pages.length} pages)\n`);
}

function compareWithStored(file: string, fresh: PageSizeFixture): void {
  const stored = JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as PageSizeFixture;
  let diffs = 0;
  for (const alg of ORACLE_ALGORITHMS) {
    stored.sizes[alg.key].forEach((s, i) => {
      if (s !== fresh.sizes[alg.key][i] && diffs++ < 20) process.stderr.write(`${alg.key} page ${i}: stored ${s}, kernel ${fresh.sizes[alg.key][i]}\n`);
    });
  }
  process.stderr.write(`${diffs} differences\n`);
  if (diffs) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
