// compare with K configurations against K separate replays (issue 10, goal 3), measured in the
// same run on every committed bundle and on a larger recording-shaped log (4 threads, ~36,000
// pages read and written, mixed contents, a quarter of the writes repeating earlier contents).
// Each run is its own process from the CLI: K x `replay` (the baseline), `compare --sequential`
// (the one-thread path), and `compare` (one ingest; one decode by the main thread into shared
// memory chunks every fold reads, page bytes included, no copy per fold; folds on worker threads;
// shared compressed lengths).
// Figures: wall time, CPU time and peak RSS of each; ratios against the K replays. Then the
// profile of a parallel compare on the larger log: where the time that remains goes, per thread.
//
//   npm run bench -- compare-k            (node dist/tools/bench/compare-k.js [--pages N] [--no-profile])
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_MIX, mixedPage, parseMix } from '../../src/content';
import { KERNEL_SEMANTICS, LOG_FORMAT_VERSION, type ZramEvent } from '../../src/events/types';
import { LogWriter } from '../../src/log';
import { bytes, nanos, sector } from '../../src/units';
import { mulberry32 } from '../../src/content/prng';

const ROOT = path.join(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/zram-ref');
const BUNDLES = path.join(ROOT, 'traces/bundles');
const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};

/** K = 4 and 8: a mix of algorithms, levels and memory limits (this kernel's backends: exact). */
const CONFIGS_8 = ['alg=lz4', 'alg=lzo', 'alg=lzo-rle', 'alg=lz4,level=8',
  'alg=lz4,mem_limit=4M', 'alg=lzo,mem_limit=4M', 'alg=lzo-rle,mem_limit=8M', 'alg=lz4,level=2'];

interface Run { wallS: number; cpuS: number; rssMiB: number }

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-compare-k-'));
const PRELOAD = path.join(dir, 'usage.js');
// peak RSS from VmHWM (this process's memory, all threads): getrusage's maxrss carries the RSS of
// the parent at fork over exec, which would hide small children behind this bench's own size
fs.writeFileSync(PRELOAD, `process.on('exit', () => {
  const fs = require('fs');
  const u = process.resourceUsage();
  const hwm = Number(/VmHWM:\\s*(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]);
  fs.writeFileSync(process.env.BENCH_USAGE, JSON.stringify([hwm, u.userCPUTime + u.systemCPUTime]));
});\n`);
const ENV = { ...process.env, ZRAM_REF_CACHE: path.join(dir, 'cache') };

/** One CLI run in a process of its own: wall time, CPU time (all threads) and peak RSS. */
function cli(args: string[], extraNode: string[] = []): Run {
  const usage = path.join(dir, 'usage.json');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...extraNode, '-r', PRELOAD, BIN, ...args],
    { env: { ...ENV, BENCH_USAGE: usage }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`zram-ref ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  const [rssKb, cpuUs] = JSON.parse(fs.readFileSync(usage, 'utf8')) as [number, number];
  return { wallS, cpuS: cpuUs / 1e6, rssMiB: rssKb / 1024 };
}

/** `replay` flags for one compare config spec. */
function replayArgs(spec: string): string[] {
  const out: string[] = [];
  for (const [k, v] of spec.split(',').map((p) => p.split('='))) {
    if (k === 'alg') out.push('--algorithm', v);
    else if (k === 'level') out.push('--param', `level=${v}`);
    else if (k === 'mem_limit') out.push('--mem-limit', v);
  }
  return out;
}

interface Row { input: string; k: number; replays: Run; sequential: Run; parallel: Run }

function measure(input: string, name: string, k: number): Row {
  const specs = CONFIGS_8.slice(0, k);
  const configs = specs.flatMap((s) => ['--config', s]);
  const replays = specs.map((s) => cli(['replay', input, '--json', ...replayArgs(s)]))
    .reduce((a, r) => ({ wallS: a.wallS + r.wallS, cpuS: a.cpuS + r.cpuS, rssMiB: Math.max(a.rssMiB, r.rssMiB) }));
  const sequential = cli(['compare', input, '--json', '--sequential', ...configs]);
  const parallel = cli(['compare', input, '--json', ...configs]);
  return { input: name, k, replays, sequential, parallel };
}

/** A recording-shaped log: 4 threads each with a bio in flight, writes and reads of 1-16 pages. */
function writeLargeLog(file: string, pages: number): void {
  const w = LogWriter.create(file, { formatVersion: LOG_FORMAT_VERSION, pageSize: 4096,
    kernelSemantics: KERNEL_SEMANTICS, variant: 'claim', contentSource: 'exact',
    provenance: { tool: 'tools/bench/compare-k' } }, { fsync: 'never' });
  const mix = parseMix(DEFAULT_MIX);
  const rnd = mulberry32(10);
  const devPages = 16384; // 64 MiB
  let ts = 0;
  let bioId = 1;
  let contents = 0;
  const put = (event: ZramEvent) => w.append({ ts: nanos(ts += 700), event });
  put({ type: 'AttrStored', attr: 'disksize', value: '64M\n' });
  const inFlight: number[] = [];
  for (let done = 0; done < pages;) {
    const n = 1 + Math.floor(rnd() * 16);
    const at = Math.floor(rnd() * (devPages - n));
    const write = done < pages / 3 || rnd() < 0.6;
    const data = write ? Array.from({ length: n }, () => {
      const key = contents > 0 && rnd() < 0.25 ? 1 + Math.floor(rnd() * contents) : ++contents;
      return { key, data: mixedPage(mix, 42, key).page };
    }) : [];
    put({ type: 'BioQueued', bioId, op: write ? 'write' : 'read', sector: sector(at * 8), bytes: bytes(n * 4096),
      context: 'process', pages: data });
    inFlight.push(bioId++);
    if (inFlight.length === 4) put({ type: 'BioCompleted', bioId: inFlight.splice(Math.floor(rnd() * 4), 1)[0] });
    done += n;
  }
  for (const id of inFlight) put({ type: 'BioCompleted', bioId: id });
  w.close();
}

const f1 = (x: number): string => x.toFixed(1);
const f2 = (x: number): string => x.toFixed(2);

function print(rows: Row[]): void {
  console.log(`${'input'.padEnd(22)} K  ${'K x replay'.padStart(22)}  ${'compare --sequential'.padStart(22)}  `
    + `${'compare'.padStart(22)}  speed-up (wall, cpu)  vs sequential`);
  const cell = (r: Run) => `${f2(r.wallS)}s ${f2(r.cpuS)}cpu ${f1(r.rssMiB)}M`.padStart(22);
  for (const r of rows) {
    const x = (a: number, b: number) => `${f2(a / b)}x`.padStart(7);
    console.log(`${r.input.padEnd(22)} ${String(r.k).padEnd(2)} ${cell(r.replays)}  ${cell(r.sequential)}  `
      + `${cell(r.parallel)}  ${x(r.replays.wallS, r.parallel.wallS)} ${x(r.replays.cpuS, r.parallel.cpuS)}      `
      + `${f2(r.sequential.wallS / r.parallel.wallS)}x`);
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function of each thread's CPU profile: what a parallel compare still spends. */
function profile(input: string, k: number): void {
  const profDir = path.join(dir, 'prof');
  fs.mkdirSync(profDir);
  const configs = CONFIGS_8.slice(0, k).flatMap((s) => ['--config', s]);
  cli(['compare', input, '--json', ...configs], ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
  for (const f of fs.readdirSync(profDir).sort()) {
    const p = JSON.parse(fs.readFileSync(path.join(profDir, f), 'utf8')) as CpuProfile;
    const byId = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
    const self = new Map<string, number>();
    p.samples.forEach((id, i) => {
      const cf = byId.get(id)!;
      const key = `${cf.functionName || '(anonymous)'} ${cf.url.split('/').slice(-2).join('/')}`;
      self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
    });
    self.delete('(idle) ');
    const busy = [...self.values()].reduce((a, b) => a + b, 0);
    const thread = /\.0\.\d+\.cpuprofile$/.test(f) ? 'main thread' : 'worker thread';
    console.log(`\n${thread} (${f}): ${Math.round(busy)} ms busy`);
    for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
      console.log(`  ${String(Math.round(ms)).padStart(6)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${name}`);
    }
  }
}

function main(): void {
  try {
    const large = path.join(dir, 'large.zlog');
    writeLargeLog(large, Number(arg('pages', '36000')));
    console.log(`${os.availableParallelism()} cores; larger log ${f1(fs.statSync(large).size / 2 ** 20)} MiB; `
      + 'each figure one process from the CLI (wall, CPU of all threads, peak RSS)\n');
    const inputs = fs.readdirSync(BUNDLES).sort().map((b) => [path.join(BUNDLES, b), b]);
    inputs.push([large, 'larger log']);
    for (const [input] of inputs) cli(['replay', input, '--json', '--every', '0']); // ingest into the cache first
    const rows: Row[] = [];
    for (const k of [4, 8]) for (const [input, name] of inputs) rows.push(measure(input, name, k));
    console.log('compare shares: one ingest (the log cache); one decode (main thread -> SharedArrayBuffer chunks of '
      + 'events + page bytes, read by every fold as views, kept for later rounds up to 192 MiB, at most 32 chunks '
      + 'ahead of the slowest fold); compressed lengths by (content key, algorithm, params); folds on worker '
      + 'threads, one per core. Inputs under 32 MiB x K fold in the main thread, each reading the log.\n');
    print(rows);
    const sum = (k: number, f: (r: Row) => number) =>
      rows.filter((r) => r.k === k && r.input !== 'larger log').reduce((a, r) => a + f(r), 0);
    for (const k of [4, 8]) {
      console.log(`all bundles, K=${k}: ${f2(sum(k, (r) => r.replays.wallS) / sum(k, (r) => r.parallel.wallS))}x wall, `
        + `${f2(sum(k, (r) => r.replays.cpuS) / sum(k, (r) => r.parallel.cpuS))}x cpu against K replays`);
    }
    if (!process.argv.includes('--no-profile')) profile(large, 8);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
