// The committed inputs the replay tests share: the zram blktrace traces (replayed with synthetic
// contents) and the record bundles, each replayed through the CLI into a scratch directory that
// exists for one test file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Report } from '../../src/report';
import { runCli, type CliRun } from './cli-harness';

export const TRACES = path.join(__dirname, '../../traces');
export const ZRAM_TRACES = ['zram-seqwrite', 'zram-randrw-2cpu', 'zram-discard'].filter((t) => fs.existsSync(path.join(TRACES, t)));
export const TRACE_CONTENT = 'synthetic:text:2,zeros:1,random:1,same:1';
export const BUNDLES_ROOT = path.join(TRACES, 'bundles');
export const BUNDLES = fs.existsSync(BUNDLES_ROOT)
  ? fs.readdirSync(BUNDLES_ROOT).filter((d) => fs.existsSync(path.join(BUNDLES_ROOT, d, 'manifest.json'))).sort() : [];

/** A temporary directory for this test file (made in beforeAll, removed in afterAll). */
export function scratchDir(prefix: string): () => string {
  let dir = '';
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix)); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

/** `replay TRACE --content … --every 25 -o DIR/OUT --json`. */
export const replayTrace = (dir: string, trace: string, out: string, ...extra: string[]): Promise<CliRun> =>
  runCli(['replay', path.join(TRACES, trace), '--content', TRACE_CONTENT, '--every', '25', '-o', path.join(dir, out), '--json', ...extra]);

/** `replay BUNDLE -o DIR/OUT --every 100 --json`, its report (throws on a non-zero exit). */
export async function replayBundle(dir: string, b: string, out: string, ...extra: string[]): Promise<Report> {
  const r = await runCli(['replay', path.join(BUNDLES_ROOT, b), '-o', path.join(dir, out), '--every', '100', '--json', ...extra]);
  if (r.code !== 0) throw new Error(`replay ${b}: exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

/** contents.mode of a committed bundle. */
export const bundleMode = (b: string): string =>
  JSON.parse(fs.readFileSync(path.join(BUNDLES_ROOT, b, 'manifest.json'), 'utf8')).contents?.mode;

/** Issue 11's bar for recordings of external writes (captured contents): at least 95% of the
 * kernel samples equal, orig_data_size and compr_data_size within 1% at every sample. Returns
 * what misses it (empty: met). */
export function capturedShortfalls(rep: Report): string[] {
  const out: string[] = [];
  const k = rep.kernel;
  if (k.exact < 0.95 * k.samples) out.push(`${k.exact}/${k.samples} samples exact (< 95%)`);
  for (const field of ['mm_stat.orig_data_size', 'mm_stat.compr_data_size']) {
    const w = k.summary.within.find((x) => x.field === field);
    if (!w) out.push(`${field}: no deviation figure`);
    else if (w.pct === null || Math.abs(w.pct) > 1) out.push(`${field}: ${w.pct ?? 'n/a'}% at sample ${w.atSeq}`);
  }
  return out;
}
