// Benchmark (not a test): `zram-ref record` on the real kernel, on private devices.
// 1. Capture rate: fio (psync, 4 KiB random read/write, 2 jobs, time-based 10 s) traced through
//    `record --new -- fio ...`: bios captured per second, and whether any event was lost.
// 2. Overhead: the same fio job with a fixed I/O count (2 x 51,200 bios), untraced on a private
//    device and traced through `record`; fio's own run time, traced / untraced (median of --passes).
// Needs root, zram, tracefs, fio; exits 0 with a note where they are missing.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readMerged } from '../../src/blktrace/read';
import { BLK_TA, actionCode } from '../../src/blktrace/record';
import { configureDevice, createDevice, removeDevice } from '../../src/kernel/device';

const BIN = path.resolve(__dirname, '../../../bin/zram-ref');
const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function fioArgs(dev: string, out: string, timed: boolean): string[] {
  return ['fio', '--name=bench', `--filename=${dev}`, '--rw=randrw', '--bs=4k', '--direct=1', '--ioengine=psync',
    '--numjobs=2', '--size=64M', '--group_reporting', '--output-format=json', `--output=${out}`, '--randrepeat=0',
    ...(timed ? ['--time_based', '--runtime=10'] : ['--io_size=200M'])];
}

/** fio's run time in ms and the number of I/Os it did. */
function fioResult(file: string): { ms: number; ios: number } {
  const j = JSON.parse(fs.readFileSync(file, 'utf8')) as { jobs: { job_runtime?: number; elapsed: number; read: { total_ios: number; runtime: number }; write: { total_ios: number; runtime: number } }[] };
  const job = j.jobs[0];
  return { ms: Math.max(job.read.runtime, job.write.runtime), ios: job.read.total_ios + job.write.total_ios };
}

function recordFio(tmp: string, timed: boolean): { ms: number; ios: number; bios: number; lost: number; status: string } {
  const bundle = path.join(tmp, `b-${Date.now()}`);
  const fioOut = path.join(tmp, 'fio-traced.json');
  // the device exists only inside the recording: the command reads it from $DEV
  const fio = fioArgs('"$DEV"', fioOut, timed).join(' ');
  const r = spawnSync(BIN, ['record', '-o', bundle, '--new', '--disksize', '128M', '--no-image', '--no-blktrace', '--allow-loss',
    '--json', '--', 'sh', '-c', `exec ${fio}`], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`record failed: ${r.stderr}`);
  const summary = JSON.parse(r.stdout) as { lost: number; status: string };
  const { merged } = readMerged(path.join(bundle, 'trace'));
  const bios = merged.filter((m) => actionCode(m.rec) === BLK_TA.QUEUE).length;
  fs.rmSync(bundle, { recursive: true, force: true });
  return { ...fioResult(fioOut), bios, lost: summary.lost, status: summary.status };
}

function untracedFio(tmp: string): { ms: number; ios: number } {
  const id = createDevice();
  try {
    configureDevice(id, { disksize: '128M' });
    const out = path.join(tmp, 'fio-untraced.json');
    execFileSync(fioArgs(`/dev/zram${id}`, out, false)[0], fioArgs(`/dev/zram${id}`, out, false).slice(1));
    return fioResult(out);
  } finally {
    removeDevice(id);
  }
}

function main(): void {
  const why = process.getuid?.() !== 0 ? 'not root' : !fs.existsSync('/sys/class/zram-control') ? 'no zram'
    : spawnSync('fio', ['--version']).status !== 0 ? 'no fio' : !fs.existsSync(BIN) ? 'not built' : null;
  if (why) { console.log(`record-speed: skipped (${why})`); return; }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'record-speed-'));
  try {
    const rate = recordFio(tmp, true);
    console.log(`capture: ${rate.bios} bios in ${(rate.ms / 1000).toFixed(2)} s of fio = ${Math.round(rate.bios / (rate.ms / 1000))} bios/s ` +
      `(fio counted ${rate.ios}); lost ${rate.lost}; recording ${rate.status}; target >= 50,000 bios/s without loss`);
    const passes = Number(arg('passes', '3'));
    const traced: number[] = [];
    const plain: number[] = [];
    for (let p = 0; p < passes; p++) {
      plain.push(untracedFio(tmp).ms);
      const t = recordFio(tmp, false);
      if (t.lost) console.log(`  pass ${p}: ${t.lost} events lost`);
      traced.push(t.ms);
    }
    console.log(`overhead: fio 2 x 51,200 bios: untraced ${median(plain)} ms, traced ${median(traced)} ms ` +
      `(medians of ${passes}: ${plain.join('/')} vs ${traced.join('/')}) -> ratio ${(median(traced) / median(plain)).toFixed(2)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
