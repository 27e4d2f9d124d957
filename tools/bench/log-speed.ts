// Append and read speed of the log file (not a test): small events (a bio queued/completed
// pair, every tenth a one-page write from 16 distinct contents).
// Run: npx tsc -p tsconfig.build.json --outDir /tmp/zb && node /tmp/zb/tools/bench/log-speed.js [N]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContentStore } from '../../src/events/content-store';
import { LOG_FORMAT_VERSION, type LogHeader, type ZramEvent } from '../../src/events/types';
import { LogReader } from '../../src/log/reader';
import { LogWriter, type FsyncPolicy } from '../../src/log/writer';
import { bytes, nanos, sector } from '../../src/units';

const HEADER: LogHeader = {
  formatVersion: LOG_FORMAT_VERSION, pageSize: 4096, kernelSemantics: 'linux-6.18', variant: 'claim',
  contentSource: 'synthetic:bench', provenance: { tool: 'log-speed' },
};

function page(seed: number): Uint8Array {
  const p = new Uint8Array(4096);
  for (let i = 0; i < p.length; i++) p[i] = (i * 31 + seed * 7) & 0xff;
  return p;
}

function event(i: number, cs: ContentStore, pages: Uint8Array[]): ZramEvent {
  if (i % 2 === 1) return { type: 'BioCompleted', bioId: i - 1 };
  const write = i % 10 === 0;
  return {
    type: 'BioQueued', bioId: i, op: write ? 'write' : 'read', sector: sector(i * 8), bytes: bytes(4096), context: 'process',
    pages: write ? [cs.payload(pages[(i / 10) % pages.length]!)] : [],
  };
}

function bench(n: number, fsync: FsyncPolicy): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-speed-'));
  try {
    const file = path.join(dir, 'bench.log');
    const cs = new ContentStore();
    const pages = Array.from({ length: 16 }, (_, s) => page(s));
    const events = Array.from({ length: n }, (_, i) => event(i, cs, pages));
    let t = process.hrtime.bigint();
    const w = LogWriter.create(file, HEADER, { fsync });
    for (let i = 0; i < n; i++) w.append({ ts: nanos(i), event: events[i]! });
    w.close();
    const appendS = Number(process.hrtime.bigint() - t) / 1e9;
    t = process.hrtime.bigint();
    let count = 0;
    for (const _ of LogReader.open(file)) count++;
    const readS = Number(process.hrtime.bigint() - t) / 1e9;
    const size = fs.statSync(file).size;
    console.log(`${n} events, fsync=${fsync}, ${(size / 1e6).toFixed(1)} MB: append ${Math.round(n / appendS)} events/s, read ${Math.round(count / readS)} events/s`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const n = Number(process.argv[2] ?? 200_000);
bench(n, 'never');
bench(n, 'close');
