// The parallel compare (one ingest, folds reading the log on worker threads, shared compressed lengths,
// payloads kept as written) against the sequential path it replaces, on every committed bundle
// and a bare trace: the reports every output is built from are equal, and so are the JSON rows
// and the HTML page, except the compressor's wall time per page (which varies from run to run).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareParallel, defaultThreads, THREADS_MIN_WORK } from '../../src/compare/parallel';
import { compareSequential } from '../../src/compare/sequential';
import type { FoldOutcome } from '../../src/compare/job';
import { compareHtml } from '../../src/report/compare-html';
import { compareRow } from '../../src/report/compare-table';
import { parseCompareConfig } from '../../src/replay/compare-config';
import { runCli } from '../replay/cli-harness';
import { BUNDLES, BUNDLES_ROOT, scratchDir, TRACE_CONTENT, TRACES, ZRAM_TRACES } from '../replay/committed';

const dir = scratchDir('zram-ref-compare-par-');
let cacheBefore: string | undefined;
beforeAll(() => { cacheBefore = process.env.ZRAM_REF_CACHE; process.env.ZRAM_REF_CACHE = path.join(dir(), 'cache'); });
afterAll(() => { if (cacheBefore === undefined) delete process.env.ZRAM_REF_CACHE; else process.env.ZRAM_REF_CACHE = cacheBefore; });

const SPECS = ['alg=lz4', 'alg=lz4,level=8', 'alg=lzo,mem_limit=1M', 'alg=lzo-rle', 'alg=lz4,mem_limit=2M'];

/** Outcomes with the wall-clock figures blanked (what differs between any two runs): the
 * compressor's time per page and the tool's own speed (wall time, run time per bio). */
const timeless = (os: FoldOutcome[]): unknown[] => os.map((o) => (!o.ok ? o : {
  ...o, cost: { ...o.cost, nsPerPage: null },
  report: { ...o.report, speed: o.report.speed && { implementation: o.report.speed.implementation,
    events: o.report.speed.events, perBio: o.report.speed.perBio?.ops.map((x) => x.op) } },
}));

function html(input: string, labels: string[], os: FoldOutcome[]): string {
  const ok = os.map((o, i) => ({ o, label: labels[i] })).filter((x) => x.o.ok);
  const runs = ok.map(({ o, label }) => ({ label, report: (o as Extract<FoldOutcome, { ok: true }>).report }));
  const rows = ok.map(({ o, label }) => {
    const r = o as Extract<FoldOutcome, { ok: true }>;
    return compareRow(label, r.report, { ...r.cost, nsPerPage: null });
  });
  return compareHtml(input, runs, rows);
}

/** The sequential path, and the folds on two worker threads (or in this thread: threads 1). */
interface Extra { kernelConfig?: string; content?: string; threads?: number; cacheBytes?: number }

async function bothPaths(input: string, specs: string[], extra: Extra = {}): Promise<[FoldOutcome[], FoldOutcome[]]> {
  const configs = specs.map(parseCompareConfig);
  const common = { input, configs, kernelConfig: extra.kernelConfig ?? 'default', variant: 'claim',
    content: extra.content ?? 'exact', every: 100 };
  const seq = await compareSequential({ ...common, target: 'model' });
  const par = await compareParallel({ ...common, threads: extra.threads ?? 2, cacheBytes: extra.cacheBytes });
  return [seq, par];
}

describe('parallel compare equals the sequential path', () => {
  test.each(BUNDLES)('bundle %s', async (b) => {
    const input = path.join(BUNDLES_ROOT, b);
    const [seq, par] = await bothPaths(input, SPECS);
    expect(seq.every((o) => o.ok)).toBe(true);
    expect(timeless(par)).toEqual(timeless(seq));
    expect(html(input, SPECS, par)).toBe(html(input, SPECS, seq));
    // the same distinct pages are compressed: the fold asks for the same lengths either way
    expect(par.map((o) => o.ok && o.cost.pages)).toEqual(seq.map((o) => o.ok && o.cost.pages));
  });

  test.each(BUNDLES)('bundle %s, all folds in this thread (one after another, shared lengths)', async (b) => {
    const input = path.join(BUNDLES_ROOT, b);
    const [seq, par] = await bothPaths(input, SPECS, { threads: 1 });
    expect(timeless(par)).toEqual(timeless(seq));
    expect(html(input, SPECS, par)).toBe(html(input, SPECS, seq));
  });

  test.each(['swap-steady', 'mem-limit'].filter((b) => BUNDLES.includes(b)))(
    'bundle %s, no chunk cache: the log decoded again each round, streamed through the window', async (b) => {
      const input = path.join(BUNDLES_ROOT, b);
      const [seq, par] = await bothPaths(input, SPECS, { cacheBytes: 0 });
      expect(timeless(par)).toEqual(timeless(seq));
      expect(par.map((o) => o.ok && o.cost.pages)).toEqual(seq.map((o) => o.ok && o.cost.pages));
    });

  test('a bare blktrace trace with synthetic contents', async () => {
    expect(ZRAM_TRACES.length).toBeGreaterThan(0);
    const input = path.join(TRACES, ZRAM_TRACES[0]);
    const [seq, par] = await bothPaths(input, SPECS, { content: TRACE_CONTENT });
    expect(timeless(par)).toEqual(timeless(seq));
    expect(html(input, SPECS, par)).toBe(html(input, SPECS, seq));
    const [, local] = await bothPaths(input, SPECS.slice(0, 2), { content: TRACE_CONTENT, threads: 1 });
    expect(timeless(local)).toEqual(timeless(seq.slice(0, 2)));
  });

  test('every backend of the all-backends profile (zstd, deflate, 842 on the worker threads too)', async () => {
    const specs = ['alg=lz4hc', 'alg=zstd', 'alg=deflate', 'alg=842', 'alg=zstd,level=1', 'alg=lz4hc,mem_limit=1M'];
    const input = path.join(BUNDLES_ROOT, BUNDLES.includes('seqwrite') ? 'seqwrite' : BUNDLES[0]);
    const [seq, par] = await bothPaths(input, specs, { kernelConfig: 'all-backends' });
    expect(seq.every((o) => o.ok)).toBe(true);
    expect(timeless(par)).toEqual(timeless(seq));
  });
});

test('threads by default: none for small work, else one per core and at most one per configuration', () => {
  expect(defaultThreads(THREADS_MIN_WORK / 8 - 1, 8, 4)).toBe(1);
  expect(defaultThreads(THREADS_MIN_WORK / 8, 8, 4)).toBe(4);
  expect(defaultThreads(THREADS_MIN_WORK, 3, 4)).toBe(3);
  expect(defaultThreads(THREADS_MIN_WORK, 1, 4)).toBe(1);
});

describe('compare on the command line', () => {
  const bundle = (): string => path.join(BUNDLES_ROOT, BUNDLES[0]);

  test('--json rows equal with and without --sequential; nothing on stderr off a terminal', async () => {
    const args = ['compare', bundle(), '--json', '--config', 'alg=lz4', '--config', 'alg=lzo', '--config', 'alg=lz4,mem_limit=1M'];
    const par = await runCli(args);
    const threads = await runCli([...args, '--jobs', '2']);
    const seq = await runCli([...args, '--sequential']);
    expect([par.code, threads.code, seq.code]).toEqual([0, 0, 0]);
    expect(par.stderr + threads.stderr).toBe('');
    const blank = (s: string) => (JSON.parse(s) as { compressNsPerPage: unknown }[]).map((r) => ({ ...r, compressNsPerPage: 0 }));
    expect(blank(par.stdout)).toEqual(blank(seq.stdout));
    expect(blank(threads.stdout)).toEqual(blank(seq.stdout));
    expect(blank(par.stdout)).toHaveLength(3);
  });

  test('a configuration that fails on its worker is named, the others are printed, exit 2, no --html page', async () => {
    const page = path.join(dir(), 'page.html');
    const r = await runCli(['compare', bundle(), '--json', '--html', page, '--config', 'alg=lz4',
      '--config', 'alg=lzo,mem_limit=nonsense', '--config', 'alg=lzo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("zram-ref compare: --config 'alg=lzo,mem_limit=nonsense': --mem-limit 'nonsense': "
      + 'the device refused it (EINVAL)\n');
    expect((JSON.parse(r.stdout) as { config: string }[]).map((x) => x.config)).toEqual(['alg=lz4', 'alg=lzo']);
    expect(fs.existsSync(page)).toBe(false);
  });

  test('--jobs is checked; a missing input is one error', async () => {
    const j = await runCli(['compare', bundle(), '--jobs', '0']);
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/^zram-ref compare: --jobs '0': expected a whole number from 1 to 256\n$/);
    const m = await runCli(['compare', path.join(dir(), 'absent'), '--config', 'alg=lz4', '--config', 'alg=lzo']);
    expect(m.code).toBe(2);
    expect(m.stderr.trim().split('\n')).toHaveLength(1);
  });
});
