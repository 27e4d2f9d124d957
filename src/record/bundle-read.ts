// readBundle(dir): a record bundle as events, for replay and checks. The blktrace files are
// merged and ingested (src/ingest) with the bundle's contents (exact: the recorded bytes of
// each request; approximate: the end image), the recorder's sysfs stores become AttrStored and
// the stat samples KernelStatSampled, all in CLOCK_MONOTONIC order. Event times are ns since
// the bundle's first timestamp (header.provenance.clockOrigin, absolute CLOCK_MONOTONIC ns).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readMerged } from '../blktrace/read';
import type { MergedRecord } from '../blktrace/merge';
import { KERNEL_SEMANTICS, LOG_FORMAT_VERSION, LogHeader, Recorded, StoreAttr, ZramEvent } from '../events/types';
import { ContentSource, exactContent, ingestTrace, IngestStats } from '../ingest';
import { orderAndNumber, timedBios, type TimedEvent } from '../ingest/order';
import { PAGE_SIZE, SECTOR_SIZE } from '../units';
import { RequestMatcher, requestPage } from './bundle-match';
import { loadSparseImage } from './image';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, BundleManifest } from './manifest';
import { IoEntry, parseOpLog, StoreEntry } from './oplog';
import { loadPages } from './page-store';
import { parseSamples } from './sampler';
import { bundleShrinkerRuns } from './bundle-shrinker';

export interface Bundle {
  readonly manifest: BundleManifest;
  readonly header: LogHeader;
  readonly events: AsyncIterable<Recorded<ZramEvent>>;
  readonly ingest: IngestStats;
}

export class BundleError extends Error {}

export function readManifest(dir: string, allowFailed = false): BundleManifest {
  let m: BundleManifest;
  try { m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BundleManifest; } catch (e) {
    throw new BundleError(`${dir}: not a record bundle (manifest.json: ${(e as Error).message})`);
  }
  if (m.format !== BUNDLE_FORMAT || m.formatVersion !== BUNDLE_FORMAT_VERSION) {
    throw new BundleError(`${dir}: bundle format ${m.format} v${m.formatVersion}, expected ${BUNDLE_FORMAT} v${BUNDLE_FORMAT_VERSION}`);
  }
  if (m.status !== 'ok' && !allowFailed) throw new BundleError(`${dir}: the recording failed (${m.failure})`);
  return m;
}

function contentSource(dir: string, m: BundleManifest, ios: IoEntry[], zeroes: Set<number>): ContentSource {
  const read = (f: string): Buffer => fs.readFileSync(path.join(dir, f));
  if (m.contents.mode === 'exact') {
    const pages = loadPages(read('pages.bin.gz'), read('pages.sha256').toString('latin1'));
    const matcher = new RequestMatcher(ios, ['write', 'zeroout']);
    const zero = new Uint8Array(PAGE_SIZE);
    return exactContent((bio, i) => {
      const e = matcher.match(bio);
      if (e.op === 'zeroout') { zeroes.add(bio.bioId); return zero; }
      return pages[requestPage(e, bio, i)];
    });
  }
  if (m.contents.mode === 'approximate') {
    const image = loadSparseImage(read('image.runs').toString('latin1'), read('image.bin.gz'));
    const zero = new Uint8Array(PAGE_SIZE);
    return exactContent((bio, i) => image.get((bio.sector * SECTOR_SIZE) / PAGE_SIZE + i) ?? zero, 'image:bundle');
  }
  throw new BundleError(`${dir}: the bundle holds no contents (mode ${m.contents.mode})`);
}

function storeEvent(s: StoreEntry): ZramEvent {
  return { type: 'AttrStored', attr: s.attr as Exclude<StoreAttr, 'reset'>, value: `${s.value}\n` };
}

/** Reads the whole bundle into timed events (sorted); exported for checks and tools. */
export function bundleEvents(dir: string, m: BundleManifest, override?: ContentSource): { events: Recorded<ZramEvent>[]; origin: bigint; ingest: IngestStats } {
  const ops = parseOpLog(fs.readFileSync(path.join(dir, 'ops.jsonl'), 'utf8'));
  const samples = parseSamples(fs.readFileSync(path.join(dir, 'samples.jsonl'), 'utf8'));
  const { merged } = readMerged(path.join(dir, m.capture.traceName));
  const zeroes = new Set<number>();
  const ios = ops.filter((o): o is IoEntry => o.kind === 'io');
  const ing = ingestTrace(merged, { content: override ?? contentSource(dir, m, ios, zeroes) });
  const genesis = genesisOf(merged);
  const timed: TimedEvent[] = [];
  ops.forEach((o, k) => { if (o.kind === 'store') timed.push({ abs: BigInt(o.t0), order: k, event: storeEvent(o) }); });
  for (const s of samples) {
    timed.push({ abs: BigInt(s.ts), order: 0, event: { type: 'KernelStatSampled', mmStat: s.mmStat, ioStat: s.ioStat, debugStat: s.debugStat, stat: s.stat } });
  }
  for (const r of bundleShrinkerRuns(dir, samples, ops)?.timed ?? []) timed.push({ ...r, order: 0 });
  for (const t of timedBios(ing.events, genesis, zeroes, m.contents.mode !== 'exact')) timed.push(t);
  const { events, origin } = orderAndNumber(timed);
  return { events, origin, ingest: ing.stats };
}

function genesisOf(merged: readonly MergedRecord[]): bigint {
  return merged.length ? merged[0].rec.time - merged[0].relTime : 0n;
}

/** `content` replaces the bundle's own contents (e.g. synthetic pages for a `--no-image` bundle,
 * or a what-if); the header then names it. */
export function readBundle(dir: string, opts: { allowFailed?: boolean; content?: ContentSource } = {}): Bundle {
  const manifest = readManifest(dir, opts.allowFailed);
  const { events, origin, ingest } = bundleEvents(dir, manifest, opts.content);
  const header: LogHeader = {
    formatVersion: LOG_FORMAT_VERSION, pageSize: manifest.pageSize, kernelSemantics: KERNEL_SEMANTICS, variant: 'claim',
    contentSource: opts.content?.description ?? (manifest.contents.mode === 'exact' ? 'exact' : 'image:bundle'),
    provenance: { tool: 'zram-ref record', toolVersion: manifest.toolVersion, kernelRelease: manifest.kernelRelease,
      captureMethod: manifest.capture.method, bundle: path.basename(path.resolve(dir)), clockOrigin: String(origin),
      created: manifest.created, contents: manifest.contents.mode,
      source: manifest.command ? manifest.command.join(' ') : `workload ${manifest.workload?.file ?? ''}` },
  };
  async function* gen(): AsyncGenerator<Recorded<ZramEvent>> { yield* events; }
  return { manifest, header, events: gen(), ingest };
}
