// Ingest into a log and fold from it (issue 13): for every committed bundle and one bare trace,
// events/s of ingest (input -> log file, closed and fsynced), of a read of the log (the scan a
// fold from a snapshot pays for its prefix), and of the model fold from the log; the log's size
// against the input's. Baseline in the same run: the in-memory path (the input's events
// ingested and folded with no log), so the cost of the log shows as a ratio.
// Run: npm run bench -- ingest-log
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Recorded, ZramEvent } from '../../src/events/types';
import { LogFileStore } from '../../src/log';
import { ingestInput } from '../../src/replay/ingest-input';
import { locateInput } from '../../src/replay/input';
import { ModelImplementation } from '../../src/replay/model-implementation';
import { OUTPUTS_FORMAT, OUTPUTS_VERSION } from '../../src/replay/outputs';
import { runReplay } from '../../src/replay/run';
import { openBundle, openTrace } from '../../src/replay/trace-input';

const ROOT = path.join(__dirname, '../../../traces');
const CONTENT = 'synthetic:text:2,zeros:1,random:1,same:1';

const secs = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;
const rate = (n: number, s: number): string => `${Math.round(n / s).toLocaleString('en-US')}/s`;

function inputBytes(files: readonly string[]): number {
  return files.reduce((a, f) => a + fs.statSync(f).size, 0);
}

async function fold(events: AsyncIterable<Recorded<ZramEvent>>): Promise<number> {
  const header = { format: OUTPUTS_FORMAT, version: OUTPUTS_VERSION, toolVersion: 'bench', inputDigest: '', inputName: '',
    options: { algorithm: '', params: '', disksize: '', memLimit: '', variant: 'claim', content: 'exact', every: 1000, kernelConfig: 'default' } };
  const end = await runReplay(new ModelImplementation(), events, { output: () => undefined, timing: () => undefined }, { header, every: 1000 });
  return end.events;
}

async function one(name: string, input: string, content: string, tmp: string): Promise<string[]> {
  const loc = locateInput(input);
  if (loc.kind === 'log') throw new Error(`${input}: expected a bundle or trace`);
  const files = loc.kind === 'bundle' ? fs.readdirSync(loc.path).map((f) => path.join(loc.path, f)) : loc.files;
  const open = () => (loc.kind === 'bundle' ? openBundle(loc.path) : openTrace(loc.path, loc.files, content));
  let t = process.hrtime.bigint();
  const raw = open();
  const memEvents = await fold(raw.events);
  const memFold = secs(t);
  raw.close();
  const out = path.join(tmp, `${name}.zlog`);
  t = process.hrtime.bigint();
  const { log } = await ingestInput(loc, content, out);
  const ingest = secs(t);
  t = process.hrtime.bigint();
  const store = LogFileStore.open(out);
  const scan = secs(t);
  t = process.hrtime.bigint();
  const logEvents = await fold(store.read());
  const logFold = secs(t);
  if (logEvents !== memEvents) throw new Error(`${name}: ${logEvents} events from the log, ${memEvents} in memory`);
  const inBytes = inputBytes(files);
  return [name, String(log.events), rate(log.events, ingest), rate(log.events, scan), rate(log.events, logFold),
    rate(memEvents, memFold), ((ingest + logFold) / memFold).toFixed(2), `${(log.bytes / 1024).toFixed(0)} KiB`,
    `${(inBytes / 1024).toFixed(0)} KiB`, (log.bytes / inBytes).toFixed(2)];
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-bench-ingest-'));
  const rows: string[][] = [];
  try {
    const bundles = fs.readdirSync(path.join(ROOT, 'bundles')).filter((d) => fs.existsSync(path.join(ROOT, 'bundles', d, 'manifest.json'))).sort();
    for (const b of bundles) rows.push(await one(b, path.join(ROOT, 'bundles', b), 'exact', tmp));
    rows.push(await one('zram-randrw-2cpu (trace)', path.join(ROOT, 'zram-randrw-2cpu'), CONTENT, tmp));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const head = ['input', 'events', 'ingest->log', 'log scan', 'fold from log', 'in-memory ingest+fold (baseline)',
    '(ingest+fold)/baseline', 'log', 'input', 'log/input'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows]) process.stdout.write(r.map((c, i) => c.padEnd(widths[i])).join('  ') + '\n');
}

main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1); });
