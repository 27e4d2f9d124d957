// Inputs other than an event log: a bare blktrace trace (ingested with a content source chosen
// by --content; a trace carries no knobs, so ingest puts a disksize store first: the smallest
// whole MiB that holds every bio; streamed in two passes) and a record bundle
// (src/record's reader: knobs, exact contents and the kernel's samples; read whole, as bundles
// are small by construction), then streamed like a log's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isClean } from '../blktrace/decode-stats';
import type { DecodeStats } from '../blktrace/decode-stats';
import { streamMerged } from '../blktrace/read';
import { KERNEL_SEMANTICS, LOG_FORMAT_VERSION, type LogHeader, type Recorded, type ZramEvent } from '../events/types';
import { ingestStream, surveyTrace, syntheticContent, type ContentSource, type TraceSurvey } from '../ingest';
import { imageContent } from '../ingest/image-source';
import { digestFiles } from '../ingest/input-digest';
import { BundleError, readBundle } from '../record/bundle-read';
import { BUNDLE_LOG } from '../record/manifest';
import { BadInputError } from './bad-input';
import type { ReplayInput } from './input';
import { lossesOf, type InputLosses } from './losses';

const MIB = 1 << 20;
const SYNTHETIC_SEED = 1;
/** Distinct pages kept for deduplication while streaming a trace (32 MiB of page copies at most). */
const RETAINED_PAGES = 8192;

function traceContent(content: string, trace: string): ContentSource & { close?(): void } {
  if (content.startsWith('synthetic:')) return syntheticContent(content.slice('synthetic:'.length), SYNTHETIC_SEED);
  if (content.startsWith('image:')) return imageContent(content.slice('image:'.length));
  throw new BadInputError(`${trace}: a bare blktrace trace carries no page contents: give --content synthetic:SPEC or --content image:FILE`);
}

function damageOf(stats: DecodeStats): string {
  if (isClean(stats)) return '';
  const problem = stats.problems[0];
  return ` (the trace is damaged: ${problem ? `${problem.source} at byte ${problem.offset}: ${problem.message}` : 'events lost'})`;
}

/** A trace NAME (NAME.blktrace.N files), one of its files, or a single-stream trace file. Two
 * passes: a survey (device, extent, damage), then the ingest, streamed event by event. */
export function openTrace(input: string, files: readonly string[], content: string): ReplayInput {
  const src = traceContent(content, input);
  let survey: TraceSurvey;
  let damage: string;
  try {
    const first = streamMerged(input);
    survey = surveyTrace(first.records);
    damage = damageOf(first.stats());
  } catch (e) {
    src.close?.();
    throw new BadInputError(`${input}: ${(e as Error).message}`);
  }
  if (survey.queued === 0) { src.close?.(); throw new BadInputError(`${input}: the trace holds no bios${damage}`); }
  const disksize = `${Math.max(1, Math.ceil(survey.extent / MIB))}M\n`;
  const header: LogHeader = { formatVersion: LOG_FORMAT_VERSION, pageSize: 4096, kernelSemantics: KERNEL_SEMANTICS, variant: 'claim',
    contentSource: src.description, provenance: { tool: 'zram-ref replay (ingest)', trace: path.basename(input) } };
  let done = 0;
  let losses: InputLosses | null = null;
  async function* gen(): AsyncGenerator<Recorded<ZramEvent>> {
    try {
      const prelude = [{ type: 'AttrStored', attr: 'disksize', value: disksize } as const];
      const opts = { content: src, device: survey.device, maxRetainedPages: RETAINED_PAGES, prelude };
      const second = streamMerged(input);
      for (const r of ingestStream(second.records, opts, (st) => { losses = lossesOf(st, second.stats()); })) {
        done++;
        yield r;
      }
    } catch (e) {
      throw new BadInputError(`${input}: ${(e as Error).message}`);
    } finally {
      src.close?.();
    }
  }
  const name = path.basename(input).replace(/\.blktrace\.\d+$/, '');
  const input_: ReplayInput = { name, header, digest: digestFiles(files), events: gen(),
    progress: () => ({ done, total: 2 * survey.queued }), close: () => src.close?.(), losses: () => losses };
  return damage ? { ...input_, warnings: [`${input}${damage}; replaying what was decoded`] } : input_;
}

export function openBundle(dir: string, opts: { allowDamage?: boolean } = {}): ReplayInput {
  let b;
  try {
    b = readBundle(dir, { allowDamage: opts.allowDamage });
  } catch (e) {
    if (e instanceof BadInputError) throw e;
    if (e instanceof TypeError || e instanceof ReferenceError) throw e; // a bug, not the bundle's fault: cli/failure.ts
    throw new BadInputError(e instanceof BundleError ? e.message : `${dir}: ${(e as Error).message}`);
  }
  const files = bundleFiles(dir);
  const events = b.events;
  let done = 0;
  async function* gen(): AsyncGenerator<Recorded<ZramEvent>> { for await (const r of events) { done++; yield r; } }
  return { name: path.basename(path.resolve(dir)), header: b.header, digest: digestFiles(files), events: gen(),
    progress: () => ({ done, total: done + 1 }), close: () => undefined, losses: () => lossesOf(b.ingest, b.decode, b.input),
    ...(b.damage ? { warnings: [`${dir}: the trace is damaged (${b.damage}); replaying what was decoded (--allow-damage)`] } : {}) };
}

/** The files a bundle's digest covers: all but the log ingest made of it and that log's losses. */
export function bundleFiles(dir: string): string[] {
  const files = fs.readdirSync(dir).sort().filter((f) => f !== BUNDLE_LOG && f !== `${BUNDLE_LOG}.losses.json`)
    .map((f) => path.join(dir, f));
  return files.filter((f) => fs.statSync(f).isFile());
}
