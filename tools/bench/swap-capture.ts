// Benchmark (not a test): the built-in swap workload on the real kernel, recorded and not.
// 4 processes under a 32M memory cgroup limit allocate 3 x 4 x 31M = 372 MiB in three rounds
// (each round freed before the next), touching half of the pages again in the last round.
// Run time = the workload's span (swapon t0 .. swapoff t1 in its ops), unrecorded (same code,
// private device, no tracing, no samples) vs recorded (`zram-ref record --workload`), alternated
// --passes times (default 2), medians. Pages captured per second: the capture readback's pages
// (manifest contents.capture.pagesRead) over the recorded span, where the build has the readback.
// Needs root, zram, a v1 memory cgroup, swap tools (record mounts tracefs); exits 0 with a note where missing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { swapWorkloadUnavailable } from '../../src/kernel/capability';
import { configureDevice, createDevice, removeDevice } from '../../src/kernel/device';
import { readAttr } from '../../src/kernel/sysfs';
import { Gate } from '../../src/record/gate';
import { OpEntry, OpLog, parseOpLog } from '../../src/record/oplog';
import { PageStore } from '../../src/record/page-store';
import { runWorkload } from '../../src/record/workload-run';
import { parseWorkload } from '../../src/record/workload-parse';

const BIN = path.resolve(__dirname, '../../../bin/zram-ref');
const DISKSIZE = '256M';
const ROUND = 'alloc size=31M seed=R\n';
const WORKLOAD = 'swap limit=32M procs=4\n' + ROUND.replace('R', '1') + 'free fraction=1\n' + ROUND.replace('R', '2') +
  'free fraction=1\n' + ROUND.replace('R', '3') + 'touch fraction=0.5 seed=4\nswapoff\n';
const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const ms = (ns: number): string => `${(ns / 1e6).toFixed(1)} ms`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** ms from swapon's t0 to swapoff's t1. */
function span(ops: readonly OpEntry[]): number {
  const on = ops.find((e) => e.kind === 'swapon');
  const off = ops.find((e) => e.kind === 'swapoff');
  if (!on || !off) throw new Error('the workload did not log swapon and swapoff');
  return Number(BigInt(off.t1) - BigInt(on.t0)) / 1e6;
}

async function unrecorded(file: string): Promise<{ ms: number; writes: number }> {
  const id = createDevice();
  try {
    configureDevice(id, { disksize: DISKSIZE });
    const w = parseWorkload(WORKLOAD, file);
    const ops = new OpLog();
    const gate = new Gate();
    await runWorkload(w, [], { devName: `zram${id}`, devPath: `/dev/zram${id}`, ops, pages: new PageStore(), gate,
      sample: async () => undefined, stop: { requested: false },
      swap: { host: { dev: `zram${id}`, deviceCreated: true, disksize: 256 << 20, ops, save: () => undefined },
        gate, drain: async () => undefined, onSession: () => undefined } });
    return { ms: span(ops.entries), writes: Number(readAttr(id, 'stat').trim().split(/\s+/)[4]) };
  } finally {
    const e = removeDevice(id);
    if (e) console.log(`swap-capture: ${e}`);
  }
}

interface Lag { p50: number; p99: number; max: number }

interface Recorded { ms: number; writes: number; pagesRead: number | null; lag: Lag | null; status: string }

function recorded(file: string, tmp: string): Recorded {
  const out = path.join(tmp, `b-${Date.now()}`);
  const r = spawnSync(BIN, ['record', '-o', out, '--new', '--disksize', DISKSIZE, '--no-blktrace', '--allow-loss',
    '--json', '--workload', file], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`record failed: ${r.stderr.trim()}`);
  const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as
    { status: string; contents: { capture?: { pagesRead: number; lagNs: Lag } } };
  const samples = fs.readFileSync(path.join(out, 'samples.jsonl'), 'utf8').trim().split('\n');
  const end = JSON.parse(samples.at(-1)!) as { stat: string };
  const res = { ms: span(parseOpLog(fs.readFileSync(path.join(out, 'ops.jsonl'), 'utf8'))), status: m.status,
    writes: Number(end.stat.trim().split(/\s+/)[4]), pagesRead: m.contents.capture?.pagesRead ?? null,
    lag: m.contents.capture?.lagNs ?? null };
  fs.rmSync(out, { recursive: true, force: true });
  return res;
}

async function main(): Promise<void> {
  const why = swapWorkloadUnavailable() ?? (!fs.existsSync(BIN) ? 'not built' : null);
  if (why) { console.log(`swap-capture: skipped (${why})`); return; }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'swap-capture-'));
  const file = path.join(tmp, 'swap.wl');
  fs.writeFileSync(file, WORKLOAD);
  try {
    const plain: number[] = [];
    const traced: number[] = [];
    let last: Recorded | null = null;
    for (let p = 0; p < Number(arg('passes', '2')); p++) {
      const u = await unrecorded(file);
      plain.push(u.ms);
      last = recorded(file, tmp);
      traced.push(last.ms);
      console.log(`  pass ${p}: unrecorded ${u.ms.toFixed(0)} ms (${u.writes} swap-out writes), recorded ` +
        `${last.ms.toFixed(0)} ms (${last.writes} writes, ${last.status})`);
    }
    const [u, t] = [median(plain), median(traced)];
    console.log(`swap workload, 372 MiB allocated by 4 processes under a 32M limit: unrecorded ${u.toFixed(0)} ms, ` +
      `recorded ${t.toFixed(0)} ms: ratio ${(t / u).toFixed(2)} (medians of ${plain.length})`);
    const n = last!.pagesRead;
    console.log(n === null ? 'pages captured: this build has no capture readback (contents.capture absent)'
      : `pages captured: ${n} in ${(t / 1000).toFixed(2)} s = ${Math.round(n / (t / 1000))} pages/s ` +
      `(as fast as the processes swap out); write completion -> read-back lag p50 ${ms(last!.lag!.p50)}, ` +
      `p99 ${ms(last!.lag!.p99)}, max ${ms(last!.lag!.max)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(`swap-capture: ${(e as Error).message}`); process.exit(1); });
