// Replay speed: pages/s of the model against a private real zram device replaying the same event
// log in the same run, per algorithm, plus the model's peak RSS against the kernel's
// mem_used_max for that replay. Each model replay runs in its own child process, so its peak
// RSS is its own.
//
//   npm run build && node dist/tools/bench/replay-speed.js [--pages N] [--bio-pages N] [--algs lz4,lzo,lzo-rle]
//   node dist/tools/bench/replay-speed.js --input BUNDLE|LOG [--algs ...]   (replay a given input instead)
//   node dist/tools/bench/replay-speed.js --memory [--bios N]   (peak RSS, N and 10N bios, same range)
//   node dist/tools/bench/replay-speed.js --write-log FILE [--pages N] [--bio-pages N]   (the log only, for profiling)
//   node dist/tools/bench/replay-speed.js --goal-only [--goal-pages N] [--passes N]   (issue 10 goal 1 only)
//
// First, issue 10's goal 1 (replay-goal.ts): the CLI replay against the kernel's ticks, peak RSS.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_MIX, mixedPage, parseMix } from '../../src/content';
import { KERNEL_SEMANTICS, LOG_FORMAT_VERSION, type ZramEvent } from '../../src/events/types';
import { LogWriter } from '../../src/log';
import { ModelImplementation } from '../../src/replay/model-implementation';
import { openInput } from '../../src/replay/input';
import { replaySession } from '../../src/replay/session';
import { KernelZram } from '../../src/kernel/zram';
import { kernelUnavailable } from '../../src/kernel/capability';
import { newKernelImplementation } from '../../src/replay/device-targets';
import { bytes, nanos, sector } from '../../src/units';
import { goal1, writeBenchLog } from './replay-goal';

const arg = (name: string, dflt: string): string => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };

/** A log of `bios` 4 KiB writes cycling over `range` pages with contents from a pool of
 * `pool` distinct pages (so the log's page table stays small): for the memory check. */
function writeCycleLog(file: string, bios: number, range: number, pool: number): void {
  const w = LogWriter.create(file, { formatVersion: LOG_FORMAT_VERSION, pageSize: 4096, kernelSemantics: KERNEL_SEMANTICS,
    variant: 'claim', contentSource: 'exact', provenance: { tool: 'tools/bench/replay-speed --memory' } }, { fsync: 'never' });
  const mix = parseMix(DEFAULT_MIX);
  const pages = Array.from({ length: pool }, (_, i) => ({ key: i + 1, data: mixedPage(mix, 7, i).page }));
  let ts = 0;
  w.append({ ts: nanos(0), event: { type: 'AttrStored', attr: 'disksize', value: `${Math.ceil((range * 4096) / (1 << 20))}M\n` } });
  for (let b = 1; b <= bios; b++) {
    const page = pages[(b * 2654435761) % pool];
    w.append({ ts: nanos(ts += 1000), event: { type: 'BioQueued', bioId: b, op: 'write', sector: sector(((b * 40503) % range) * 8),
      bytes: bytes(4096), context: 'process', pages: [page] } });
    w.append({ ts: nanos(ts += 1000), event: { type: 'BioCompleted', bioId: b } });
  }
  w.close();
}

/** Peak RSS of model replays of a short and a 10x longer log over the same range. */
function memoryCheck(dir: string): void {
  const base = Number(arg('bios', '20000'));
  for (const bios of [base, 10 * base]) {
    const log = path.join(dir, `cycle-${bios}.zlog`);
    writeCycleLog(log, bios, 4096, 256);
    const m = modelInChild(log, 'lzo-rle');
    console.log(`${String(bios).padStart(9)} bios over 4096 pages: ${(m.wallMs / 1000).toFixed(1)} s, model peak RSS ${mib(m.peakRss)} MiB`);
    fs.rmSync(log);
  }
}

interface Run { pagesPerSec: number; writePagesPerSec: number; peakRss: number; memUsedMax: number; wallMs: number }

async function replayOnce(log: string, alg: string, target: 'model' | 'kernel'): Promise<Run> {
  const out = path.join(path.dirname(log), `${target}-${alg}.jsonl`);
  const { report } = await replaySession({ input: log, out, knobs: { algorithm: alg }, variant: 'claim', content: 'exact', every: 0,
    target: target === 'model' ? async () => new ModelImplementation() : newKernelImplementation });
  const timing = fs.readFileSync(`${out}.timing.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const summary = timing.at(-1).summary;
  const writeNs = timing.filter((t) => t.bio?.op === 'write').reduce((s, t) => s + t.bio.serviceNs, 0);
  const writePages = timing.filter((t) => t.bio?.op === 'write').length ? report.final!.stats.blockStat.writeSectors / 8 : 0;
  return { pagesPerSec: summary.pages / (summary.wallNs / 1e9), writePagesPerSec: writePages / (writeNs / 1e9),
    peakRss: summary.peakRss, memUsedMax: report.final!.stats.mmStat.memUsedMax, wallMs: summary.wallNs / 1e6 };
}

/** The kernel's own write rate for the same pages: pages / write_ticks of /sys/block/zramN/stat
 * (time the block layer accounts to write bios), free of the driver's per-call cost. */
async function kernelInKernelRate(log: string, alg: string): Promise<number> {
  const dev = await KernelZram.create();
  try {
    await dev.store('comp_algorithm', alg);
    let pages = 0;
    for await (const r of (await openInput(log)).events) {
      const e = r.event;
      if (e.type === 'AttrStored' && e.attr === 'disksize') await dev.store('disksize', e.value);
      if (e.type !== 'BioQueued' || e.op !== 'write') continue;
      const buf = new Uint8Array(e.bytes);
      e.pages.forEach((p, i) => buf.set(p.data, i * 4096));
      await dev.write(e.sector * 512, buf);
      pages += e.pages.length;
    }
    const writeTicksMs = Number((await dev.show('stat')).trim().split(/\s+/)[7]);
    return pages / (Math.max(1, writeTicksMs) / 1000);
  } finally {
    await dev.dispose();
  }
}

/** The model in a child process of its own (its own peak RSS). */
function modelInChild(log: string, alg: string): Run {
  const r = spawnSync(process.execPath, [__filename, '--child', log, alg, '--bio-pages', arg('bio-pages', '16')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`model child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Run;
}

const mib = (b: number): string => (b / 2 ** 20).toFixed(1);
async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    process.stdout.write(JSON.stringify(await replayOnce(process.argv[3], process.argv[4], 'model')) + '\n');
    return;
  }
  if (process.argv[2] === '--write-log') {
    writeBenchLog(process.argv[3], Number(arg('pages', '16384')), Number(arg('bio-pages', '16')));
    return;
  }
  const pages = Number(arg('pages', '16384'));
  const bioPages = Number(arg('bio-pages', '16'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-bench-'));
  const log = path.join(dir, 'bench.zlog');
  try {
    if (process.argv.includes('--memory')) { memoryCheck(dir); return; }
    await goal1(dir);
    if (process.argv.includes('--goal-only')) return;
    const given = process.argv.includes('--input') ? arg('input', '') : null;
    if (given) {
      fs.symlinkSync(path.resolve(given), log);
      console.log(`replay-speed: input ${given}`);
    } else {
      writeBenchLog(log, pages, bioPages);
      console.log(`replay-speed: ${pages} pages written in ${bioPages}-page bios then read back; mix ${DEFAULT_MIX}; log ${mib(fs.statSync(log).size)} MiB`);
    }
    const noKernel = kernelUnavailable();
    if (noKernel) console.log(`kernel runs skipped: ${noKernel}`);
    console.log('pages/s of whole replays (model; kernel through the O_DIRECT driver), write pages/s from per-bio service times,');
    console.log("and the kernel's in-kernel write rate (pages / write_ticks of its stat file)");
    console.log('alg      model pages/s  kernel pages/s  model/kernel  model write p/s  kernel write p/s  in-kernel write p/s  model peak RSS MiB  kernel mem_used_max MiB');
    for (const alg of arg('algs', 'lzo-rle,lzo,lz4').split(',')) {
      const m = modelInChild(log, alg);
      const k = noKernel ? null : await replayOnce(log, alg, 'kernel');
      const inKernel = noKernel ? null : await kernelInKernelRate(log, alg);
      console.log(`${alg.padEnd(8)} ${m.pagesPerSec.toFixed(0).padStart(13)}  ${(k ? k.pagesPerSec.toFixed(0) : '-').padStart(14)}  ` +
        `${(k ? (m.pagesPerSec / k.pagesPerSec).toFixed(2) + 'x' : '-').padStart(12)}  ${m.writePagesPerSec.toFixed(0).padStart(15)}  ` +
        `${(k ? k.writePagesPerSec.toFixed(0) : '-').padStart(16)}  ${(inKernel ? inKernel.toFixed(0) : '-').padStart(19)}  ${mib(m.peakRss).padStart(18)}  ${(k ? mib(k.memUsedMax) : '-').padStart(23)}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
