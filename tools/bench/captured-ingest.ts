// What the captured-contents rules cost on top of reading a bundle (issue 11): for every committed
// bundle with read-backs or swap entries (and any bundle directories given as arguments), the time
// of the analysis (read-back ties, content plans, slot frees, write-zeroes, notify_free check)
// against the baseline measured in the same run: reading the bundle's trace, op log and samples
// (readInputs). The analysis reads pages.sha256 only, never page bytes: its heap growth is shown.
// Run: npm run bench -- captured-ingest [BUNDLE...]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyse, readInputs } from '../../src/record/bundle-content';
import { readManifest } from '../../src/record/bundle-read';

const ROOT = path.join(__dirname, '../../../traces/bundles');
const secs = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;

function bundles(): string[] {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  if (args.length) return args;
  return fs.readdirSync(ROOT).map((d) => path.join(ROOT, d)).filter((d) => fs.existsSync(path.join(d, 'manifest.json')))
    .filter((d) => readManifest(d).contents.mode === 'captured').sort();
}

function one(dir: string): string[] {
  const m = readManifest(dir);
  let t = process.hrtime.bigint();
  const inputs = readInputs(dir, m);
  const read = secs(t);
  (global as { gc?: () => void }).gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  t = process.hrtime.bigint();
  const a = analyse(inputs);
  const took = secs(t);
  const heap = process.memoryUsage().heapUsed - heap0;
  const p = a.stats.contents.pages;
  return [path.basename(dir), String(inputs.bios.length), `${(read * 1e3).toFixed(0)} ms`, `${(took * 1e3).toFixed(0)} ms`,
    (took / read).toFixed(2), `${Math.round(inputs.bios.length / took).toLocaleString('en-US')}/s`, mib(heap),
    `${p.exact}/${p.inferred}/${p.unknown}`, String(a.frees.length)];
}

const rows = bundles().map(one);
const head = ['bundle', 'bios', 'read inputs (baseline)', 'analysis', 'analysis/baseline', 'bios/s', 'heap growth',
  'exact/inferred/unknown', 'frees'];
if (rows.length === 0) process.stdout.write('no captured bundle found (give bundle directories as arguments)\n');
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [head, ...rows]) process.stdout.write(r.map((c, i) => c.padEnd(widths[i])).join('  ') + '\n');
