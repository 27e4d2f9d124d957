// readBundle(dir): a record bundle as events, for replay and checks. The blktrace files are
// merged and ingested (src/ingest) with the bundle's contents (exact: the recorded bytes of
// each request; captured: those and the read-backs of every other write; approximate: the end
// image), the recorder's sysfs stores become AttrStored, inferred swap slot frees
// SlotFreeNotified and the stat samples KernelStatSampled, all in CLOCK_MONOTONIC order. Event times are ns since
// the bundle's first timestamp (header.provenance.clockOrigin, absolute CLOCK_MONOTONIC ns).
import * as path from 'node:path';
import type { MergedRecord } from '../blktrace/merge';
import { KERNEL_SEMANTICS, LOG_FORMAT_VERSION, LogHeader, Recorded, StoreAttr, ZramEvent } from '../events/types';
import { ContentSource, ingestTrace, IngestStats } from '../ingest';
import type { InputStats } from '../ingest/captured/stats';
import { timedSlotFrees } from '../ingest/captured/free-events';
import { orderAndNumber, timedBios, type TimedEvent } from '../ingest/order';
import type { DecodeStats } from '../blktrace/decode-stats';
import { BadInputError } from '../replay/bad-input';
import { checkManifestShape, readManifestJson } from './bundle-validate';
import { traceDamage } from './bundle-damage';
import { analyse, approximateStats, bundleContent, hasRecordedPages, overrideStats, readInputs } from './bundle-content';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, BundleManifest } from './manifest';
import type { StoreEntry } from './oplog';
import { bundleShrinkerRuns } from './bundle-shrinker';

export interface Bundle {
  readonly manifest: BundleManifest;
  readonly header: LogHeader;
  readonly events: AsyncIterable<Recorded<ZramEvent>>;
  readonly ingest: IngestStats;
  /** What is wrong with the trace ('' when whole); only with allowDamage, else readBundle throws. */
  readonly damage: string;
  readonly decode: DecodeStats;
  /** What the contents and inferred slot frees are worth (src/ingest/captured/stats.ts). */
  readonly input: InputStats;
}

export class BundleError extends Error {}

export function readManifest(dir: string, allowFailed = false): BundleManifest {
  let m: BundleManifest;
  try {
    const v = readManifestJson(dir) as Partial<BundleManifest> | null;
    if (v?.format !== BUNDLE_FORMAT || v.formatVersion !== BUNDLE_FORMAT_VERSION) {
      throw new BundleError(`${dir}: bundle format ${v?.format} v${v?.formatVersion}, expected ${BUNDLE_FORMAT} v${BUNDLE_FORMAT_VERSION}`);
    }
    m = checkManifestShape(dir, v);
  } catch (e) {
    if (e instanceof BadInputError) throw new BundleError(`${dir}: not a record bundle (${e.message})`);
    throw e;
  }
  if (m.status !== 'ok' && !allowFailed) throw new BundleError(`${dir}: the recording failed (${m.failure})`);
  return m;
}

function storeEvent(s: StoreEntry): ZramEvent {
  return { type: 'AttrStored', attr: s.attr as Exclude<StoreAttr, 'reset'>, value: `${s.value}\n` };
}

/** Reads the whole bundle into timed events (sorted); exported for checks and tools. */
export function bundleEvents(dir: string, m: BundleManifest, override?: ContentSource): { events: Recorded<ZramEvent>[];
  origin: bigint; ingest: IngestStats; decode: DecodeStats; requests: number; input: InputStats; untied: number } {
  const inputs = readInputs(dir, m);
  const { ops, samples, merged, decode, bios } = inputs;
  const recorded = hasRecordedPages(m);
  if (!recorded && m.contents.mode !== 'approximate' && !override) {
    throw new BundleError(`${dir}: the bundle holds no contents (mode ${m.contents.mode})`);
  }
  const a = recorded ? analyse(inputs) : null;
  const zeroes = new Set<number>();
  const ing = ingestTrace(merged, { content: override ?? bundleContent(inputs, a, zeroes) });
  const genesis = genesisOf(merged);
  const timed: TimedEvent[] = [];
  ops.forEach((o, k) => { if (o.kind === 'store') timed.push({ abs: BigInt(o.t0), order: k, event: storeEvent(o) }); });
  for (const s of samples) {
    timed.push({ abs: BigInt(s.ts), order: 0, event: { type: 'KernelStatSampled', mmStat: s.mmStat, ioStat: s.ioStat, debugStat: s.debugStat, stat: s.stat } });
  }
  for (const r of bundleShrinkerRuns(dir, samples, ops)?.timed ?? []) timed.push({ ...r, order: 0 });
  const bioTimed = timedBios(ing.events, genesis, zeroes, m.contents.mode === 'approximate');
  for (const t of bioTimed) timed.push(t);
  if (a) for (const t of timedSlotFrees(a.frees, bioTimed)) timed.push(t);
  const { events, origin } = orderAndNumber(timed);
  const base = a?.stats ?? approximateStats(m.contents.mode, bios);
  const input = override ? overrideStats(base, bios, override.description) : base;
  const requests = ops.filter((o) => o.kind === 'io' && !o.capture).length + (a ? a.captures.entries - a.captures.untied : 0);
  return { events, origin, ingest: ing.stats, decode, requests, input, untied: a?.captures.untied ?? 0 };
}

function genesisOf(merged: readonly MergedRecord[]): bigint {
  return merged.length ? merged[0].rec.time - merged[0].relTime : 0n;
}

/** `content` replaces the bundle's own contents (e.g. synthetic pages for a `--no-image` bundle,
 * or a what-if); the header then names it. */
export function readBundle(dir: string, opts: { allowFailed?: boolean; allowDamage?: boolean; content?: ContentSource } = {}): Bundle {
  const manifest = readManifest(dir, opts.allowFailed);
  const { events, origin, ingest, decode, requests, input, untied } = bundleEvents(dir, manifest, opts.content);
  const damage = traceDamage(decode, ingest, requests, untied);
  if (damage && !opts.allowDamage) {
    throw new BundleError(`${dir}: the trace is damaged (${damage}): give --allow-damage to replay what was decoded`);
  }
  const header: LogHeader = {
    formatVersion: LOG_FORMAT_VERSION, pageSize: manifest.pageSize, kernelSemantics: KERNEL_SEMANTICS, variant: 'claim',
    contentSource: opts.content?.description ?? (manifest.contents.mode === 'approximate' ? 'image:bundle' : manifest.contents.mode),
    provenance: { tool: 'zram-ref record', toolVersion: manifest.toolVersion, kernelRelease: manifest.kernelRelease,
      captureMethod: manifest.capture.method, bundle: path.basename(path.resolve(dir)), clockOrigin: String(origin),
      created: manifest.created, contents: manifest.contents.mode,
      source: manifest.command ? manifest.command.join(' ') : `workload ${manifest.workload?.file ?? ''}` },
  };
  async function* gen(): AsyncGenerator<Recorded<ZramEvent>> { yield* events; }
  return { manifest, header, events: gen(), ingest, damage, decode, input };
}
