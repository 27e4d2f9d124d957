// The page-size oracle's corpus: generated pages (kind + index under one seed) and pages of
// real binaries pinned by package-lock.json. Each page is described by its source, so the
// fixture stores no page bytes: pages are regenerated and checked against a SHA-1.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { filePageAt, generatePage, isSameFilled, mixedPage, parseMix } from '../../src/content';

export type PageSource = { kind: string; index: number } | { file: string; offset: number };

/** Same-filled pages are excluded: zram never compresses them. */
export const ORACLE_MIX = 'text:0.3,binary:0.2,zeros:0.14,random:0.08,borderline:0.18,ramp:0.1';
export const ORACLE_SEED = 20261129;
export const GENERATED_PAGES = 2200;

/** Real files (relative to the repository root) and how many evenly spaced pages to take. */
export const ORACLE_FILES: readonly { file: string; pkg: string; pages: number }[] = [
  { file: 'node_modules/@swc/core-linux-x64-gnu/swc.linux-x64-gnu.node', pkg: '@swc/core-linux-x64-gnu', pages: 120 },
  { file: 'node_modules/typescript/lib/typescript.js', pkg: 'typescript', pages: 80 },
  { file: 'node_modules/typescript/lib/_tsc.js', pkg: 'typescript', pages: 40 },
];

export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  // From dist/tools/oracle the first package.json found is the repository's own.
  return dir;
}

export function sha1(page: Uint8Array): string {
  return createHash('sha1').update(page).digest('hex');
}

const fileCache = new Map<string, Uint8Array>();

function readRepoFile(file: string): Uint8Array {
  let data = fileCache.get(file);
  if (!data) {
    data = new Uint8Array(fs.readFileSync(path.join(repoRoot(), file)));
    fileCache.set(file, data);
  }
  return data;
}

export function pageOf(src: PageSource, seed: number): Uint8Array {
  return 'kind' in src ? generatePage(src.kind, seed, src.index) : filePageAt(readRepoFile(src.file), src.offset);
}

export function sourceLabel(src: PageSource): string {
  return 'kind' in src ? `${src.kind}#${src.index}` : `${src.file}@${src.offset}`;
}

function filePageSources(file: string, count: number): PageSource[] {
  const data = readRepoFile(file);
  const total = Math.floor(data.length / 4096);
  const out: PageSource[] = [];
  for (let k = 0; k < count; k++) {
    // Evenly spaced; step forward past same-filled pages (zero padding in binaries).
    for (let p = Math.floor((k * total) / count); p < total; p++) {
      if (!isSameFilled(filePageAt(data, p * 4096))) {
        if (!out.some((s) => 'offset' in s && s.offset === p * 4096)) out.push({ file, offset: p * 4096 });
        break;
      }
    }
  }
  return out;
}

export function buildCorpus(seed = ORACLE_SEED): PageSource[] {
  const mix = parseMix(ORACLE_MIX);
  const sources: PageSource[] = [];
  for (let i = 0; i < GENERATED_PAGES; i++) {
    const { kind, page } = mixedPage(mix, seed, i);
    if (!isSameFilled(page)) sources.push({ kind, index: i });
  }
  for (const f of ORACLE_FILES) sources.push(...filePageSources(f.file, f.pages));
  return sources;
}

export function packageVersion(pkg: string): string {
  const json = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'node_modules', pkg, 'package.json'), 'utf8'));
  return String(json.version);
}
