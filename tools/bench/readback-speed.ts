// Benchmark (not a test): the read-back capture of an external command's writes (`record --
// COMMAND`, contents captured), on the real kernel, on private devices.
// The command writes 256 MiB of mixed content with dd: 128 MiB in 1 MiB direct writes, then the
// same 128 MiB again in 4 KiB direct writes (32,768 bios). Measured: the command's own time for
// the writes untraced on a private device and recorded (median of --passes, ratio), pages read
// back per second of read-back (first capture read to last), reads, and the lag (write C ->
// its read-back done) from the manifest. Needs root, zram, tracefs; exits 0 with a note otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mixedPage, parseMix } from '../../src/content';
import { configureDevice, createDevice, removeDevice } from '../../src/kernel/device';
import type { BundleManifest } from '../../src/record/manifest';
import { parseOpLog, type IoEntry } from '../../src/record/oplog';

const BIN = path.resolve(__dirname, '../../../bin/zram-ref');
const MIB = 1 << 20;
const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** 128 MiB of seeded mixed pages (text, binary, zeros, random): compressible like real data. */
function contentFile(tmp: string): string {
  const file = path.join(tmp, 'content');
  const mix = parseMix('text:0.4,binary:0.3,zeros:0.2,random:0.1');
  const fd = fs.openSync(file, 'w');
  for (let i = 0; i < (128 * MIB) / 4096; i++) fs.writeSync(fd, mixedPage(mix, 7, i).page);
  fs.closeSync(fd);
  return file;
}

/** The workload; prints the ms its writes took (measured inside, so start-up costs are out). */
const script = (file: string): string =>
  `t0=$(date +%s%N); dd if=${file} of="$DEV" conv=nocreat bs=1M oflag=direct status=none && ` +
  `dd if=${file} of="$DEV" conv=nocreat bs=4k oflag=direct status=none && echo $(( ($(date +%s%N) - t0) / 1000000 ))`;

function untraced(file: string): number {
  const id = createDevice();
  try {
    configureDevice(id, { algorithm: 'lz4', disksize: '256M' });
    const env = { ...process.env, DEV: `/dev/zram${id}` };
    const out = execFileSync('sh', ['-c', script(file)], { env, encoding: 'utf8' });
    return Number(out.trim());
  } finally {
    removeDevice(id);
  }
}

interface Traced { ms: number; m: BundleManifest; readSpanNs: number }

function traced(tmp: string, file: string): Traced {
  const bundle = path.join(tmp, `b-${Date.now()}`);
  const r = spawnSync(BIN, ['record', '-o', bundle, '--new', '--algorithm', 'lz4', '--disksize', '256M',
    '--no-blktrace',    '--', 'sh', '-c', script(file)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`record failed (exit ${r.status}): ${r.stderr}`);
  const m = JSON.parse(fs.readFileSync(path.join(bundle, 'manifest.json'), 'utf8')) as BundleManifest;
  const reads = parseOpLog(fs.readFileSync(path.join(bundle, 'ops.jsonl'), 'utf8'))
    .filter((e): e is IoEntry => e.kind === 'io' && e.capture === true);
  const readSpanNs = reads.length ? Number(BigInt(reads[reads.length - 1].t1) - BigInt(reads[0].t0)) : 0;
  fs.rmSync(bundle, { recursive: true, force: true });
  return { ms: Number(r.stdout.trim().split('\n').pop()), m, readSpanNs };
}

function main(): void {
  const why = process.getuid?.() !== 0 ? 'not root' : !fs.existsSync('/sys/class/zram-control') ? 'no zram'
    : !fs.existsSync('/sys/fs/cgroup/freezer/cgroup.procs') ? 'no cgroup v1 freezer'
      : !fs.existsSync(BIN) ? 'not built' : null;
  if (why) { console.log(`readback-speed: skipped (${why})`); return; }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'readback-speed-'));
  try {
    const file = contentFile(tmp);
    const passes = Number(arg('passes', '3'));
    const plain: number[] = [];
    const rec: Traced[] = [];
    for (let p = 0; p < passes; p++) {
      plain.push(untraced(file));
      rec.push(traced(tmp, file));
    }
    const ms = rec.map((t) => t.ms);
    console.log(`overhead: 256 MiB of dd writes (1 MiB, then 4 KiB direct): untraced ${median(plain)} ms, recorded ` +
      `${median(ms)} ms (medians of ${passes}: ${plain.join('/')} vs ${ms.join('/')}) -> ` +
      `ratio ${(median(ms) / median(plain)).toFixed(2)}`);
    for (const [i, t] of rec.entries()) {
      const c = t.m.contents.capture!;
      const rate = t.readSpanNs ? Math.round(c.pagesRead / (t.readSpanNs / 1e9)) : 0;
      const ms1 = (ns: number): string => `${(ns / 1e6).toFixed(1)} ms`;
      console.log(`  pass ${i}: ${c.writesSeen} writes, ${c.reads} reads, ` +
        `${c.pagesRead} pages read back at ${rate} pages/s; ` +
        `lag p50 ${ms1(c.lagNs.p50)}, p99 ${ms1(c.lagNs.p99)}, max ${ms1(c.lagNs.max)}; ` +
        `failed reads ${c.failedReads}; lost events ${t.m.capture.lost}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
