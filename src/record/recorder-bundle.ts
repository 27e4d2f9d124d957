// Writes the files of a finished recording into its temp dir and renames it into place.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contentProvenance } from '../ingest/content-provenance';
import { VERSION } from '../version';
import { TRACE_NAME } from './capture';
import { currentAlgorithm } from './device';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, BundleManifest } from './manifest';
import type { RecordResult } from './options';
import type { Session } from './recorder';
import type { BodyResult } from './recorder-run';
import { formatShrinkerRuns, SHRINKER_FILE } from './shrinker-file';

/** What a freezer group does not stop: samples of commands are quiet apart from these. */
const NOT_FROZEN = 'kernel threads (writeback kworkers, jbd2, kswapd, the zram and block layer workers)';

function manifestOf(s: Session, b: BodyResult, files: string[]): BundleManifest {
  const o = s.opts;
  // a workload with swap steps has its own writes (exact) and the kernel's swap-outs (read back)
  const mode = b.readback ? 'captured' : o.workload ? 'exact' : b.image ? 'approximate' : 'none';
  const r = b.readback;
  const capture = r ? { reads: r.reads, pagesRead: r.pagesRead, failedReads: r.failedReads, writesSeen: r.writesSeen,
    lagNs: r.lagNs, tid: r.tid } : undefined;
  const freezer = b.frozenSamples === null ? undefined : { frozen: b.frozenSamples, notFrozen: NOT_FROZEN };
  return {
    format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, status: b.failure ? 'failed' : 'ok', failure: b.failure,
    created: new Date().toISOString(), toolVersion: VERSION, kernelRelease: os.release(), pageSize: 4096,
    device: { name: s.dev, created: o.newDevice, algorithm: currentAlgorithm(s.dev), algorithmParams: o.params ?? null,
      disksize: b.disksize, memLimit: o.memLimit ?? null, initialMmStat: s.initialMmStat },
    capture: { method: b.capture.method, note: b.capture.methodNote, clock: 'mono', traceName: TRACE_NAME, traceFiles: files,
      settings: b.capture.settingsUsed, cpuStats: b.capture.cpuStats, lost: b.capture.lost, drained: b.capture.drained,
      restoreErrors: b.capture.restoreErrors },
    contents: { mode, distinctPages: s.pages.size, imagePages: b.image?.pages ?? null, ...(capture && { capture }) },
    samples: { count: s.samples.length, intervalMs: o.intervalMs,
      quiet: o.workload !== undefined || (b.frozenSamples !== null && b.frozenSamples === s.samples.length),
      ...(freezer && { freezer }) },
    workload: o.workload ? { file: path.basename(o.workload.file), text: o.workload.text } : null,
    command: o.command ?? null, commandExit: b.commandExit, durationNs: String(b.durationNs),
    shrinker: typeof b.shrinker === 'string'
      ? { traced: false, note: b.shrinker, runs: 0, unpaired: 0, otherShrinkers: 0, lost: 0 }
      : { traced: true, note: null, runs: b.shrinker.runs.length, unpaired: b.shrinker.unpaired,
        otherShrinkers: b.shrinker.otherShrinkers, lost: b.shrinker.lost },
    ios: s.ops.entries.filter((e) => e.kind === 'io').length,
    ...swapField(s),
  };
}

function swapField(s: Session): Pick<BundleManifest, 'swap'> {
  if (s.opts.swapLimit !== undefined) { // a command: its threads seen in the cgroup
    const procs = s.ops.entries.filter((e) => e.kind === 'proc').length;
    return { swap: { memcgLimit: s.opts.swapLimit, procs, device: `/dev/${s.dev}` } };
  }
  const step = s.opts.workload?.steps.find((x) => x.verb === 'swap');
  return step?.verb === 'swap' ? { swap: { memcgLimit: step.limit, procs: step.procs, device: `/dev/${s.dev}` } } : {};
}

/** Captured contents: the provenance of every written page, by ingest's rules (the files it
 * reads are written by now). A failure costs only the field: it is said, not fatal. */
function withProvenance(s: Session, dir: string, m: BundleManifest): BundleManifest {
  if (m.contents.mode !== 'captured') return m;
  try {
    return { ...m, contents: { ...m.contents, provenance: contentProvenance(dir, m) } };
  } catch (e) {
    s.opts.log?.(`contents.provenance left out: ${(e as Error).message}`);
    return m;
  }
}

export function writeBundle(s: Session, b: BodyResult): RecordResult {
  const bundle = s.live.bundle!;
  const files = fs.readdirSync(bundle.tmp).filter((f) => f.startsWith(`${TRACE_NAME}.blktrace.`)).sort();
  bundle.write('ops.jsonl', s.ops.serialize());
  bundle.write('samples.jsonl', s.samples.map((x) => JSON.stringify(x) + '\n').join(''));
  if (typeof b.shrinker !== 'string') bundle.write(SHRINKER_FILE, formatShrinkerRuns(b.shrinker.runs));
  if (s.opts.workload || b.readback) {
    const p = s.pages.serialize();
    bundle.write('pages.bin.gz', p.bin);
    bundle.write('pages.sha256', p.sha);
  }
  if (b.image) {
    bundle.write('image.runs', b.image.runs);
    bundle.write('image.bin.gz', b.image.bin);
  }
  const manifest = withProvenance(s, bundle.tmp, manifestOf(s, b, files));
  bundle.finish(manifest);
  const summary = { bundle: path.resolve(s.opts.output), status: manifest.status, failure: manifest.failure,
    device: s.dev, method: manifest.capture.method, lost: manifest.capture.lost, samples: manifest.samples.count,
    ios: manifest.ios, distinctPages: manifest.contents.distinctPages, contents: manifest.contents.mode,
    durationMs: Number(b.durationNs / 1_000_000n), bytes: dirBytes(path.resolve(s.opts.output)) };
  return { ok: manifest.status === 'ok', failure: manifest.failure, bundle: path.resolve(s.opts.output), summary };
}

function dirBytes(dir: string): number {
  return fs.readdirSync(dir).reduce((a, f) => a + fs.statSync(path.join(dir, f)).size, 0);
}
