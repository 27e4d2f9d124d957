// Compress-ahead workers on every backend: CLI replays of one log with --jobs 1 (the fold alone:
// the baseline, measured in the same run) and with the default workers (one per core beside the
// fold), per backend, alternating; the wall speed-up, and the outputs byte-identical.
//
//   npm run build && node dist/tools/bench/replay-lanes.js [--pages N] [--passes N] [--algs lz4,zstd,...]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ALL_COMP_ALGORITHMS } from '../../src/compress/types';
import { defaultLanes } from '../../src/replay/compress-ahead';
import { arg, median, writeBenchLog } from './replay-goal';

const BIN = path.resolve(__dirname, '../../../bin/zram-ref');

/** One CLI replay: its wall seconds and its outputs. */
function replay(log: string, alg: string, jobs: string[], out: string): { secs: number; outputs: Buffer } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, 'replay', log, '--algorithm', alg, '--kernel-config', 'all-backends',
    ...jobs, '-o', out], { encoding: 'utf8' });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    throw new Error(`zram-ref replay --algorithm ${alg} ${jobs.join(' ')} failed (${r.status}): ${r.stderr}`);
  }
  return { secs, outputs: fs.readFileSync(out) };
}

function main(): void {
  const pages = Number(arg('pages', '16000')), passes = Number(arg('passes', '3'));
  const algs = arg('algs', ALL_COMP_ALGORITHMS.join(',')).split(',');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-bench-lanes-'));
  try {
    const log = path.join(dir, 'lanes.zlog');
    writeBenchLog(log, pages, 1);
    const mib = (fs.statSync(log).size / 2 ** 20).toFixed(1), cores = os.availableParallelism();
    console.log(`${pages} pages written then read in 1-page bios (${mib} MiB log); ${cores} cores: ` +
      `the default is the fold and ${defaultLanes()} worker(s) (none under 16 MiB); median of ${passes}`);
    for (const alg of algs) {
      const alone: number[] = [], ahead: number[] = [];
      let same = true;
      for (let i = 0; i < passes; i++) {
        const a = replay(log, alg, ['--jobs', '1'], path.join(dir, 'alone.jsonl'));
        const b = replay(log, alg, [], path.join(dir, 'ahead.jsonl'));
        alone.push(a.secs); ahead.push(b.secs);
        same &&= a.outputs.equals(b.outputs);
      }
      const x = median(alone) / median(ahead);
      console.log(`${alg.padEnd(8)} --jobs 1 ${median(alone).toFixed(2)} s, default ${median(ahead).toFixed(2)} s: ` +
        `${x.toFixed(2)}x; outputs ${same ? 'byte-identical' : 'DIFFER'}`);
      if (!same) process.exitCode = 1;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
