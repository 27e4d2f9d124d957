// Where a bundle's write contents come from, by contents.mode: exact (the recorder's requests and
// their kept bytes), captured (the same for the recorder's own requests; every other write from
// its read-back, src/ingest/captured), approximate (the end image). Also the provenance count of
// every written page, whatever the mode (src/ingest/captured/stats.ts).
import { readMerged } from '../blktrace/read';
import type { DecodeStats } from '../blktrace/decode-stats';
import type { MergedRecord } from '../blktrace/merge';
import { generatePage } from '../content';
import { exactContent, pickDevice, type BioInfo, type ContentSource } from '../ingest';
import { bioTimeline, type BioSpan } from '../ingest/bio-timeline';
import { analyseBundle, bioPage, type Analysis, type InputStats } from '../ingest/captured/analyse';
import { ContentTally } from '../ingest/captured/stats';
import { MAX_DATA_BIO } from '../ingest/order';
import { PAGE_SIZE } from '../units';
import { requestPage } from './bundle-match';
import { checkTraceFiles, readBundleFile } from './bundle-validate';
import { loadSparseImage } from './image';
import type { BundleManifest } from './manifest';
import { parseOpLog, type OpEntry } from './oplog';
import { loadPages, sha256Hex } from './page-store';
import { parseSamples, type StatSample } from './sampler';

const ZERO_SHA = sha256Hex(new Uint8Array(PAGE_SIZE));

export interface BundleInputs {
  readonly dir: string;
  readonly m: BundleManifest;
  readonly bios: readonly BioSpan[];
  readonly ops: readonly OpEntry[];
  readonly samples: readonly StatSample[];
}

/** A bundle's op log, samples and merged trace, and the trace's bios (bio-timeline.ts). */
export function readInputs(dir: string, m: BundleManifest):
  BundleInputs & { merged: MergedRecord[]; decode: DecodeStats } {
  const ops = parseOpLog(readBundleFile(dir, m, 'ops.jsonl').toString('utf8'));
  const samples = parseSamples(readBundleFile(dir, m, 'samples.jsonl').toString('utf8'));
  const { merged, stats: decode } = readMerged(checkTraceFiles(dir, m));
  return { dir, m, ops, samples, merged, decode, bios: bioTimeline(merged, pickDevice(merged)) };
}

export const hasRecordedPages = (m: BundleManifest): boolean =>
  m.contents.mode === 'exact' || m.contents.mode === 'captured';

/** What the bundle's contents and inferred frees are worth, without ingesting it (no page bytes read). */
export function inputStatsOf(dir: string, m: BundleManifest): InputStats {
  const b = readInputs(dir, m);
  return hasRecordedPages(m) ? analyse(b).stats : approximateStats(m.contents.mode, b.bios);
}

/** The analysis of an exact or captured bundle (pages.sha256 only: no page bytes). */
export function analyse(b: BundleInputs): Analysis {
  const hashes = readBundleFile(b.dir, b.m, 'pages.sha256').toString('latin1').split('\n').filter((l) => l !== '');
  return analyseBundle({ mode: b.m.contents.mode, bios: b.bios, ops: b.ops, samples: b.samples,
    zeroStore: hashes.indexOf(ZERO_SHA), storePages: hashes.length,
    diskPages: Math.floor(b.m.device.disksize / PAGE_SIZE),
    freshDevice: b.m.device.created });
}

/** Approximate bundles: a page's last write gets the end image's bytes (inferred), earlier ones
 * the bytes of a later write (unknown); writes above one bio's size are taken as write-zeroes. */
export function approximateStats(mode: string, bios: readonly BioSpan[]): InputStats {
  const t = new ContentTally(mode, 'the device\'s end image (image.bin.gz) at the page');
  const last = new Map<number, number>();
  for (const b of bios) {
    if (b.op !== 'write' && b.op !== 'discard') continue;
    for (let i = 0; i < Math.ceil(b.bytes / PAGE_SIZE); i++) last.set(bioPage(b, i), b.bioId);
  }
  for (const b of bios) {
    if (b.op !== 'write') continue;
    const n = Math.ceil(b.bytes / PAGE_SIZE);
    if (b.bytes > MAX_DATA_BIO) { t.add('write-zeroes', n); continue; }
    for (let i = 0; i < n; i++) {
      t.add(last.get(bioPage(b, i)) === b.bioId ? 'end-image-last-write' : 'end-image-overwritten');
    }
  }
  return { contents: t.stats(), slotFrees: null, writeZeroes: null };
}

/** Content stats when the caller replaced the bundle's contents. */
export function overrideStats(a: InputStats, bios: readonly BioSpan[], standIn: string): InputStats {
  const t = new ContentTally(a.contents.mode, standIn);
  for (const b of bios) if (b.op === 'write') t.add('content-override', Math.ceil(b.bytes / PAGE_SIZE));
  return { ...a, contents: t.stats() };
}

function checkSpan(bio: BioInfo, s: BioSpan | undefined): BioSpan {
  if (!s || s.sector !== bio.sector || s.bytes !== bio.bytes || s.q !== bio.time) {
    throw new Error(`bio ${bio.bioId}: the bio index and the ingest disagree (a bug in ingest's numbering)`);
  }
  return s;
}

/** The bundle's own contents; `zeroes` collects the bioIds to replay as write-zeroes. */
export function bundleContent(b: BundleInputs, a: Analysis | null, zeroes: Set<number>): ContentSource {
  const { dir, m } = b;
  const read = (f: string): Buffer => readBundleFile(dir, m, f);
  const zero = new Uint8Array(PAGE_SIZE);
  if (a && (m.contents.mode === 'exact' || m.contents.mode === 'captured')) {
    const pages = loadPages(read('pages.bin.gz'), read('pages.sha256').toString('latin1'));
    for (const id of a.zeroes) zeroes.add(id);
    return exactContent((bio, i) => {
      const own = a.own.get(bio.bioId);
      if (own) return own.op === 'zeroout' ? zero : pages[requestPage(own, bio, i)];
      const span = checkSpan(bio, b.bios[bio.bioId]);
      const plan = a.plans.get(bio.bioId);
      if (!plan || a.zeroes.has(bio.bioId)) return zero; // write-zeroes: replayed without pages
      const store = plan.stores[i];
      return store >= 0 ? pages[store] : generatePage('text.english', 0, bioPage(span, i));
    }, m.contents.mode);
  }
  if (m.contents.mode === 'approximate') {
    const image = loadSparseImage(read('image.runs').toString('latin1'), read('image.bin.gz'),
      Math.ceil(m.device.disksize / PAGE_SIZE));
    return exactContent((bio, i) => image.get(bioPage(bio, i)) ?? zero, 'image:bundle');
  }
  throw new Error(`the bundle holds no contents (mode ${m.contents.mode})`);
}
