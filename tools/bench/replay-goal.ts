// Issue 10, goal 1 (run by replay-speed.ts; not a benchmark of its own): `zram-ref replay LOG`
// end to end from the CLI (a child process: startup, log scan and digest, fold, outputs, report)
// against the kernel's own read_ticks + write_ticks for the same bios (replayed through O_DIRECT
// on a private device, one bio per call), and the CLI's peak RSS against 1.2 x the kernel's
// mem_used_max + 64 MiB. The log is --goal-pages (36,600) 4 KiB pages written in 1-page bios,
// then read back, lz4: the shape and size of the recording (the kernel spends ~0.36 s on
// it here, as it did there). Also a CPU profile of one replay, by file.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_MIX, mixedPage, parseMix } from '../../src/content';
import { KERNEL_SEMANTICS, LOG_FORMAT_VERSION, type ZramEvent } from '../../src/events/types';
import { kernelUnavailable } from '../../src/kernel/capability';
import { KernelZram } from '../../src/kernel/zram';
import { LogWriter } from '../../src/log';
import { openInput } from '../../src/replay/input';
import { bytes, nanos, sector } from '../../src/units';

export const arg = (name: string, dflt: string): string => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const mib = (b: number): string => (b / 2 ** 20).toFixed(1);

/** A log: disksize, then `pages` pages written in bios of `bioPages`, then every page read back once. */
export function writeBenchLog(file: string, pages: number, bioPages: number): void {
  const w = LogWriter.create(file, { formatVersion: LOG_FORMAT_VERSION, pageSize: 4096, kernelSemantics: KERNEL_SEMANTICS,
    variant: 'claim', contentSource: 'synthetic:' + DEFAULT_MIX, provenance: { tool: 'tools/bench/replay-speed' } }, { fsync: 'never' });
  const mix = parseMix(DEFAULT_MIX);
  let ts = 0;
  let bioId = 1;
  const put = (event: ZramEvent) => w.append({ ts: nanos(ts += 1000), event });
  put({ type: 'AttrStored', attr: 'disksize', value: `${Math.ceil((pages * 4096) / (1 << 20)) + 1}M\n` });
  for (let p = 0; p < pages; p += bioPages) {
    const n = Math.min(bioPages, pages - p);
    const data = Array.from({ length: n }, (_, i) => ({ key: p + i + 1, data: mixedPage(mix, 42, p + i).page }));
    put({ type: 'BioQueued', bioId, op: 'write', sector: sector(p * 8), bytes: bytes(n * 4096), context: 'process', pages: data });
    put({ type: 'BioCompleted', bioId: bioId++ });
  }
  for (let p = 0; p < pages; p += bioPages) {
    const n = Math.min(bioPages, pages - p);
    put({ type: 'BioQueued', bioId, op: 'read', sector: sector(p * 8), bytes: bytes(n * 4096), context: 'process', pages: [] });
    put({ type: 'BioCompleted', bioId: bioId++ });
  }
  w.close();
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const BIN = path.resolve(__dirname, '../../../bin/zram-ref');

/** The kernel's read_ticks + write_ticks (ms) and mem_used_max after every bio of the log. */
async function kernelTicks(log: string, alg: string): Promise<{ ticksMs: number; memUsedMax: number }> {
  const dev = await KernelZram.create();
  try {
    await dev.store('comp_algorithm', alg);
    for await (const { event: e } of (await openInput(log)).events) {
      if (e.type === 'AttrStored' && e.attr === 'disksize') await dev.store('disksize', e.value);
      if (e.type !== 'BioQueued') continue;
      if (e.op === 'read') { await dev.read(e.sector * 512, e.bytes); continue; }
      if (e.op !== 'write') continue;
      const buf = new Uint8Array(e.bytes);
      e.pages.forEach((p, i) => buf.set(p.data, i * 4096));
      await dev.write(e.sector * 512, buf);
    }
    const stat = (await dev.show('stat')).trim().split(/\s+/).map(Number);
    const memUsedMax = Number((await dev.show('mm_stat')).trim().split(/\s+/)[4]);
    // a stray regular file in place of the /dev node swallows the writes: seen on this machine
    if (stat[0] + stat[4] === 0 || memUsedMax === 0) {
      throw new Error('the kernel device saw no bios: is its /dev node a block device?');
    }
    return { ticksMs: stat[3] + stat[7], memUsedMax };
  } finally {
    await dev.dispose();
  }
}

/** CPU seconds (user + system) of this process's waited-for children, from /proc/self/stat. */
function childCpu(): number {
  const f = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[13]) + Number(f[14])) / 100; // cutime, cstime in USER_HZ (100 on Linux)
}

/** One CLI replay in a child process: wall and CPU seconds, the child's peak RSS (its timing summary). */
function cliReplay(log: string, alg: string, extra: string[] = []): { secs: number; cpu: number; peakRss: number } {
  const out = path.join(path.dirname(log), 'cli.jsonl');
  const t0 = process.hrtime.bigint(), c0 = childCpu();
  const argv = [...extra, BIN, 'replay', log, '--algorithm', alg, '-o', out];
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9, cpu = childCpu() - c0;
  if (r.status !== 0) throw new Error(`zram-ref replay failed (${r.status}): ${r.stderr}`);
  const summary = JSON.parse(fs.readFileSync(`${out}.timing.jsonl`, 'utf8').trim().split('\n').at(-1)!).summary;
  return { secs, cpu, peakRss: summary.peakRss };
}

/** Self time of a CPU profile by source file, largest first. */
function profileByFile(dir: string): string {
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return '(no profile written)';
  type Frame = { url: string; functionName: string };
  const p = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as
    { nodes: { id: number; callFrame: Frame }[]; samples: number[]; timeDeltas: number[] };
  const name = (f: Frame): string => (f.url ? f.url.split('/').slice(-2).join('/') : f.functionName);
  const where = new Map(p.nodes.map((n) => [n.id, name(n.callFrame)]));
  const by = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const k = where.get(id)!;
    by.set(k, (by.get(k) ?? 0) + p.timeDeltas[i]);
    total += p.timeDeltas[i];
  });
  const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return top.map(([k, t]) => `${(100 * t / total).toFixed(1)}% ${k}`).join(', ');
}

/** Goal 1: CLI replay wall (median of --passes) against the kernel's ticks, and peak RSS. */
export async function goal1(dir: string): Promise<void> {
  const pages = Number(arg('goal-pages', '36600'));
  const passes = Number(arg('passes', '3'));
  const log = path.join(dir, 'goal1.zlog');
  writeBenchLog(log, pages, 1);
  console.log(`goal 1: ${pages} pages written in 1-page bios then read back (${2 * pages} bios), lz4; ` +
    `log ${mib(fs.statSync(log).size)} MiB`);
  const noKernel = kernelUnavailable();
  if (noKernel) { console.log(`goal 1: not measured: kernel unavailable (${noKernel})`); return; }
  const runs: { secs: number; cpu: number; peakRss: number }[] = [];
  const ticks: number[] = [];
  let memUsedMax = 0;
  for (let i = 0; i < passes; i++) { // interleaved: the machine's load moves both the same way
    runs.push(cliReplay(log, 'lz4'));
    const k = await kernelTicks(log, 'lz4');
    ticks.push(k.ticksMs / 1000);
    memUsedMax = k.memUsedMax;
  }
  const secs = median(runs.map((r) => r.secs)), kernel = median(ticks), rss = median(runs.map((r) => r.peakRss));
  const ratio = kernel / secs, rssTarget = 1.2 * memUsedMax + 64 * 2 ** 20, cpu = median(runs.map((r) => r.cpu));
  const walls = runs.map((r) => r.secs.toFixed(2)).join(', ');
  console.log(`goal 1: CLI replay ${secs.toFixed(2)} s (median of ${passes}: ${walls}); kernel read+write ticks ` +
    `${kernel.toFixed(3)} s -> ${ratio.toFixed(3)}x the kernel (target >= 1.0x): ${ratio >= 1 ? 'MET' : 'NOT MET'}`);
  console.log(`goal 1: CPU time of the CLI replay, all threads ${cpu.toFixed(2)} s (the wall on an idle machine is below it: ` +
    `threads overlap) -> ${(kernel / cpu).toFixed(3)}x the kernel's ticks; load average now ${os.loadavg()[0].toFixed(1)} ` +
    `on ${os.cpus().length} CPUs`);
  console.log(`goal 1: peak RSS ${mib(rss)} MiB; target 1.2 x mem_used_max (${mib(memUsedMax)} MiB) + 64 MiB = ` +
    `${mib(rssTarget)} MiB: ${rss <= rssTarget ? 'MET' : 'NOT MET'}`);
  const profDir = path.join(dir, 'prof');
  cliReplay(log, 'lz4', ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
  console.log(`goal 1: where a CLI replay's time goes (self time by file): ${profileByFile(profDir)}`);
  fs.rmSync(log);
}

