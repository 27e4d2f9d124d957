// Inputs other than an event log: a bare blktrace trace (ingested with a content source chosen
// by --content; a trace carries no knobs, so a disksize store is put first: --disksize, or the
// smallest whole MiB that holds every bio) and a record bundle (src/record's reader: knobs,
// exact contents and the kernel's samples). Both are read whole by their readers; events are
// then streamed like a log's.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isClean } from '../blktrace/decode-stats';
import { readMerged } from '../blktrace/read';
import { KERNEL_SEMANTICS, LOG_FORMAT_VERSION, type LogHeader, type Recorded, type ZramEvent } from '../events/types';
import { ingestTrace, syntheticContent, type ContentSource } from '../ingest';
import { imageContent } from '../ingest/image-source';
import { BundleError, readBundle } from '../record/bundle-read';
import { nanos, SECTOR_SIZE } from '../units';
import { BadInputError } from './bad-input';
import type { ReplayInput } from './input';

const MIB = 1 << 20;
const SYNTHETIC_SEED = 1;

function traceContent(content: string, trace: string): ContentSource & { close?(): void } {
  if (content.startsWith('synthetic:')) return syntheticContent(content.slice('synthetic:'.length), SYNTHETIC_SEED);
  if (content.startsWith('image:')) return imageContent(content.slice('image:'.length));
  throw new BadInputError(`${trace}: a bare blktrace trace carries no page contents: give --content synthetic:SPEC or --content image:FILE`);
}

function digestFiles(files: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of files) { h.update(path.basename(f) + '\0'); h.update(fs.readFileSync(f)); }
  return `sha256:${h.digest('hex')}`;
}

function listInput(name: string, digest: string, header: LogHeader, events: readonly Recorded<ZramEvent>[]): ReplayInput {
  let done = 0;
  async function* gen(): AsyncGenerator<Recorded<ZramEvent>> { for (const r of events) { done++; yield r; } }
  return { name, header, digest, events: gen(), progress: () => ({ done, total: events.length }), close: () => undefined };
}

/** A trace NAME (NAME.blktrace.N files), one of its files, or a single-stream trace file. */
export function openTrace(input: string, files: readonly string[], content: string): ReplayInput {
  const src = traceContent(content, input);
  let ingested;
  let stats;
  try {
    const m = readMerged(input);
    stats = m.stats;
    ingested = ingestTrace(m.merged, { content: src });
  } catch (e) {
    throw new BadInputError(`${input}: ${(e as Error).message}`);
  } finally {
    src.close?.();
  }
  const problem = stats.problems[0];
  const damage = isClean(stats) ? '' : ` (the trace is damaged: ${problem ? `${problem.source} at byte ${problem.offset}: ${problem.message}` : 'events lost'})`;
  if (!ingested.events.some((r) => r.event.type === 'BioQueued')) throw new BadInputError(`${input}: the trace holds no bios${damage}`);
  const extent = ingested.events.reduce((m, r) => (r.event.type === 'BioQueued' ? Math.max(m, r.event.sector * SECTOR_SIZE + r.event.bytes) : m), 0);
  const disksize = `${Math.max(1, Math.ceil(extent / MIB))}M\n`;
  const events: Recorded<ZramEvent>[] = [{ seq: 0, ts: nanos(0), event: { type: 'AttrStored', attr: 'disksize', value: disksize } },
    ...ingested.events.map((r) => ({ seq: r.seq + 1, ts: r.ts, event: r.event }))];
  const header: LogHeader = { formatVersion: LOG_FORMAT_VERSION, pageSize: 4096, kernelSemantics: KERNEL_SEMANTICS, variant: 'claim',
    contentSource: ingested.contentSource, provenance: { tool: 'zram-ref replay (ingest)', trace: path.basename(input) } };
  const list = listInput(path.basename(input).replace(/\.blktrace\.\d+$/, ''), digestFiles(files), header, events);
  return damage ? { ...list, warnings: [`${input}${damage}; replaying what was decoded`] } : list;
}

export function openBundle(dir: string): ReplayInput {
  let b;
  try {
    b = readBundle(dir);
  } catch (e) {
    throw new BadInputError(e instanceof BundleError ? e.message : `${dir}: ${(e as Error).message}`);
  }
  const files = fs.readdirSync(dir).sort().map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
  const events = b.events;
  let done = 0;
  async function* gen(): AsyncGenerator<Recorded<ZramEvent>> { for await (const r of events) { done++; yield r; } }
  return { name: path.basename(path.resolve(dir)), header: b.header, digest: digestFiles(files), events: gen(),
    progress: () => ({ done, total: done + 1 }), close: () => undefined };
}
