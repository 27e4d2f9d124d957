// A bundle or trace into a log file, by the one ingest path (used by `zram-ref ingest`, by
// `record` for its bundle's log, and by replay/compare before they fold). A bundle's own log
// (events.zlog, written by record) or a cached one is used when its header says it is this
// input ingested by this tool and ingest version; otherwise the input is ingested again.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LogHeader } from '../events/types';
import { digestFiles } from '../ingest/input-digest';
import { logPlace } from '../ingest/log-cache';
import { ingestedHeader, isIngestOf, type IngestSource } from '../ingest/log-header';
import { writeEventLog, type WrittenLog } from '../ingest/write-log';
import { LogReader } from '../log';
import { BUNDLE_LOG } from '../record/manifest';
import { VERSION } from '../version';
import { BadInputError } from './bad-input';
import type { LocatedInput } from './input';
import type { InputLosses } from './losses';
import { bundleFiles, openBundle, openTrace } from './trace-input';

type Ingestible = Extract<LocatedInput, { kind: 'bundle' | 'trace' }>;

const WARNINGS = 'ingest.warnings';

export const inputName = (loc: LocatedInput): string =>
  path.basename(path.resolve(loc.path)).replace(/\.blktrace\.\d+$/, '');

/** What ingest records about `loc`: for a bundle the content model is its own (--content does
 * not change its log); for a trace it is --content. */
export function sourceOf(loc: Ingestible, content: string): IngestSource {
  const name = inputName(loc);
  if (loc.kind === 'bundle') return { kind: 'bundle', name, digest: digestFiles(bundleFiles(loc.path)), content: 'bundle' };
  return { kind: 'trace', name, digest: digestFiles(loc.files), content };
}

/** Ingests `loc` into a new log file `out` (written whole or not at all). */
export async function ingestInput(loc: Ingestible, content: string, out: string, onEvent?: (n: number) => void,
  allowDamage = false): Promise<{ log: WrittenLog; header: LogHeader; source: IngestSource; warnings: readonly string[];
    losses: InputLosses | null }> {
  const raw = loc.kind === 'bundle' ? openBundle(loc.path, { allowDamage }) : openTrace(loc.path, loc.files, content);
  try {
    const source = sourceOf(loc, content);
    const warnings = (raw.warnings ?? []).map((w) => w.split(loc.path).join(source.name));
    const base = ingestedHeader(raw.header, source, VERSION);
    const header = warnings.length
      ? { ...base, provenance: { ...base.provenance, [WARNINGS]: warnings.join('\n') } } : base;
    const log = await writeEventLog(out, header, raw.events, onEvent);
    return { log, header, source, warnings, losses: raw.losses?.() ?? null };
  } finally {
    raw.close();
  }
}

export interface EnsuredLog {
  readonly path: string;
  readonly warnings: readonly string[];
  /** What ingest dropped (kept beside a cached log); null where not known (a bundle's own log). */
  readonly losses: InputLosses | null;
  release(): void;
}

/** The losses of a log, beside it (a cached log's, a bundle's own events.zlog's): the log header
 * is written before ingest knows them. */
export const lossesFile = (log: string): string => `${log}.losses.json`;

/** Writes the sidecar whole or not at all (temp + rename). */
export function writeLosses(log: string, losses: InputLosses): void {
  const tmp = `${lossesFile(log)}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(losses));
    fs.renameSync(tmp, lossesFile(log));
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** A log of `loc` to fold: the bundle's own, a cached one, or a new one. A bundle whose trace is
 * damaged is refused without `allowDamage`, cached or not. */
export async function ensureLog(loc: Ingestible, content: string, allowDamage = false): Promise<EnsuredLog> {
  const source = sourceOf(loc, content);
  const own = loc.kind === 'bundle' ? path.join(loc.path, BUNDLE_LOG) : null;
  const place = logPlace(source, VERSION);
  const found = (own && reuse(own, source)) ?? (place.temporary ? null : reuse(place.path, source));
  if (found) {
    const damaged = found.warnings.find((w) => w.includes('the trace is damaged'));
    if (loc.kind === 'bundle' && damaged && !allowDamage) {
      // the same refusal as a first ingest gives (bundle-read.ts), with the damage the warning kept
      const detail = /the trace is damaged (\(.*\)); replaying/.exec(damaged)?.[1] ?? '';
      throw new BadInputError(`${loc.path}: the trace is damaged ${detail}: give --allow-damage to replay what was decoded`);
    }
    return found;
  }
  try {
    const { warnings, losses } = await ingestInput(loc, content, place.path, undefined, allowDamage);
    if (losses) writeLosses(place.path, losses);
    return { path: place.path, warnings, losses, release: place.release };
  } catch (e) {
    place.release();
    if (e instanceof BadInputError) throw e;
    throw new BadInputError(`${loc.path}: ingest failed: ${(e as Error).message}`);
  }
}

/** An existing log whose header says it is `source` ingested by this version; null otherwise
 * (missing, damaged, or of another input or version: ingested again). */
function reuse(file: string, source: IngestSource): EnsuredLog | null {
  if (!fs.existsSync(file)) return null;
  let header: LogHeader;
  try {
    const r = LogReader.open(file);
    header = r.header;
    r.close();
  } catch {
    return null;
  }
  if (!isIngestOf(header, source, VERSION)) return null;
  const w = header.provenance[WARNINGS];
  let losses: InputLosses | null = null;
  try { losses = JSON.parse(fs.readFileSync(lossesFile(file), 'utf8')) as InputLosses; } catch { /* not recorded */ }
  return { path: file, warnings: w ? w.split('\n') : [], losses, release: () => undefined };
}
