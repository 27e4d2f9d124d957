// Decode + merge speed against Debian blkparse on the same multi-MB trace, in the same run.
// The trace is a real one (traces/zram-randrw-2cpu) repeated with shifted times until it has
// --records records, written as per-CPU files with our writer.
// Usage: node dist/tools/bench/blktrace-speed.js [--records 400000] [--keep DIR]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBlkparse } from '../../src/blktrace/blkparse-run';
import { mergeFileMode } from '../../src/blktrace/merge';
import { findCpuFiles, openCpuSources, readMerged } from '../../src/blktrace/read';
import { BlkRecord } from '../../src/blktrace/record';
import { writeCpuFiles } from '../../src/blktrace/write-files';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : def;
}

function buildTrace(dir: string, want: number): string {
  const src = path.resolve(__dirname, '..', '..', '..', 'traces', 'zram-randrw-2cpu', 'zram-randrw-2cpu');
  const base = readMerged(src).merged.map((m) => m.rec);
  const span = base[base.length - 1].time - base[0].time + 1000n;
  const out: BlkRecord[] = [];
  for (let k = 0; out.length < want; k++) {
    for (const r of base) out.push({ ...r, time: r.time + BigInt(k) * span });
  }
  const name = path.join(dir, 'big');
  writeCpuFiles(name, out.slice(0, want));
  return name;
}

function timeIt<T>(fn: () => T): { ms: number; value: T } {
  const t = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

/** Peak RSS of a command, from GNU time (%M, KiB). */
function maxRss(cmd: string[]): string {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...cmd], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const kb = Number(String(r.stderr ?? '').trim().split('\n').pop());
  return Number.isFinite(kb) && kb > 0 ? `${(kb / 1024).toFixed(1)} MiB` : 'n/a';
}

/** Child mode: decode + merge NAME and exit (for a clean peak-RSS figure). */
function decodeOnly(name: string): void {
  let n = 0;
  for (const _m of mergeFileMode(openCpuSources(findCpuFiles(name)))) n++;
  process.stdout.write(`${n}\n`);
}

function main(): void {
  const d = process.argv.indexOf('--decode-only');
  if (d >= 0) { decodeOnly(process.argv[d + 1]); return; }
  const want = Number(arg('--records', '400000'));
  const dir = arg('--keep', '') || fs.mkdtempSync(path.join(os.tmpdir(), 'zr-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  const name = buildTrace(dir, want);
  const files = findCpuFiles(name);
  const mb = files.files.reduce((n, f) => n + f.size, 0) / 1e6;
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const ours = timeIt(() => {
    let n = 0;
    for (const _m of mergeFileMode(openCpuSources(files))) {
      if ((++n & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    return n;
  });
  peak = Math.max(peak, process.memoryUsage().rss);
  const printed = timeIt(() => {
    let bytes = 0;
    runBlkparse({ inputs: [name] }, (s) => { bytes += s.length; }, () => undefined);
    return bytes;
  });
  const bp = timeIt(() => spawnSync('blkparse', ['-i', name, '-o', '/dev/null'], { stdio: 'ignore' }));
  const bpText = timeIt(() => spawnSync('sh', ['-c', `blkparse -i ${name} > /dev/null`], { stdio: 'ignore' }));
  const bpRss = maxRss(['blkparse', '-i', name, '-o', '/dev/null']);
  const ourRss = maxRss([process.execPath, __filename, '--decode-only', name]);
  const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} records/s`;
  // a baseline that did not run is no figure (a missing blkparse "ran" in 2 ms)
  const failed = [bp, bpText].map((b) => b.value).find((r) => r.error !== undefined || r.status !== 0);
  const bpWhy = failed === undefined ? null : failed.error === undefined ? `exit ${failed.status}`
    : `${failed.error.message} (apt-get install blktrace; npm run bench does as root)`;
  console.log(`trace: ${ours.value} records, ${mb.toFixed(1)} MB in ${files.files.length} per-CPU files (${dir})`);
  console.log(`zram-ref decode+merge:        ${ours.ms.toFixed(0)} ms, ${rate(ours.value, ours.ms)}; ` +
    `RSS in this process ${(rss0 / 2 ** 20).toFixed(0)} -> peak ${(peak / 2 ** 20).toFixed(0)} MiB; max RSS of a decode-only process ${ourRss}`);
  console.log(`zram-ref blkparse text:       ${printed.ms.toFixed(0)} ms, ${rate(ours.value, printed.ms)} (${(printed.value / 1e6).toFixed(1)} MB of text)`);
  if (bpWhy !== null) console.log(`blkparse (baseline): not measured: ${bpWhy}`);
  else {
    console.log(`blkparse -i NAME -o /dev/null: ${bp.ms.toFixed(0)} ms, ${rate(ours.value, bp.ms)}; max RSS ${bpRss}`);
    console.log(`blkparse -i NAME > /dev/null:  ${bpText.ms.toFixed(0)} ms, ${rate(ours.value, bpText.ms)}`);
  }
  if (!process.argv.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
}

main();
