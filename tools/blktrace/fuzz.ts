// Fuzzer for the blktrace decoder, printer, latency and ingest: random mutations of the real
// traces under traces/. Cases run in a worker thread; the main thread is a watchdog that reports
// hangs (no progress for --hang-ms) and memory blow-ups (RSS above --max-rss-mb), and prints
// crashes with the seed and case number that reproduce them.
// Usage: node dist/tools/blktrace/fuzz.js [--cases 100000] [--seed N] [--hang-ms 5000] [--max-rss-mb 1024]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { mutate, Rng, runCase } from './fuzz-core';

interface Job { seed: number; cases: number; traces: string }
type Msg = { kind: 'progress'; done: number } | { kind: 'crash'; index: number; error: string } | { kind: 'done'; records: number };

function loadCorpus(root: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const d of fs.readdirSync(root)) {
    const dir = path.join(root, d);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) if (/\.blktrace\.\d+$/.test(f)) {
      const b = new Uint8Array(fs.readFileSync(path.join(dir, f)));
      if (b.length) out.push(b);
    }
  }
  return out;
}

function worker(job: Job): void {
  const corpus = loadCorpus(job.traces);
  let records = 0;
  for (let i = 0; i < job.cases; i++) {
    const rng = new Rng(job.seed ^ Math.imul(i + 1, 0x9e3779b1));
    const input = mutate(corpus, rng);
    try {
      records += runCase(input, mutate(corpus, rng), rng);
    } catch (e) {
      parentPort!.postMessage({ kind: 'crash', index: i, error: (e as Error).stack ?? String(e) } satisfies Msg);
    }
    if (i % 200 === 0) parentPort!.postMessage({ kind: 'progress', done: i } satisfies Msg);
  }
  parentPort!.postMessage({ kind: 'done', records } satisfies Msg);
}

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

function main(): void {
  const job: Job = { seed: arg('--seed', Date.now() % 1_000_000_007), cases: arg('--cases', 10_000),
    traces: path.resolve(__dirname, '..', '..', '..', 'traces') };
  const hangMs = arg('--hang-ms', 5000);
  const maxRss = arg('--max-rss-mb', 1024) * 1024 * 1024;
  console.log(`fuzz: seed ${job.seed}, ${job.cases} cases`);
  const t0 = Date.now();
  let last = Date.now();
  let crashes = 0;
  let peakRss = 0;
  const w = new Worker(__filename, { workerData: job });
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (Date.now() - last > hangMs) { console.log(`HANG: no progress for ${hangMs} ms (seed ${job.seed})`); w.terminate(); process.exitCode = 1; }
    if (process.memoryUsage().rss > maxRss) { console.log(`MEMORY: rss above ${maxRss >> 20} MiB (seed ${job.seed})`); w.terminate(); process.exitCode = 1; }
  }, 200);
  let shown = 0;
  w.on('message', (m: Msg) => {
    last = Date.now();
    if (m.kind === 'progress' && m.done >= shown + job.cases / 10) {
      shown = m.done;
      console.log(`  ${m.done} cases, ${crashes} crashes, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    if (m.kind === 'crash') { crashes++; console.log(`CRASH case ${m.index} (seed ${job.seed}): ${m.error}`); }
    if (m.kind === 'done') {
      console.log(`fuzz: ${job.cases} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${m.records} records decoded, ` +
        `${crashes} crashes, peak rss ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
      if (crashes) process.exitCode = 1;
    }
  });
  w.on('exit', () => clearInterval(timer));
  w.on('error', (e) => { console.log(`worker error: ${e.stack}`); process.exitCode = 1; });
}

if (isMainThread) main();
else worker(workerData as Job);
