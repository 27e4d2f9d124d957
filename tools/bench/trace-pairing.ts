// Benchmark (not a test): decode, ingest and `latency` stay linear when many bios never
// complete, and their memory stays bounded as traces grow. Traces of 4 KiB bios over 64 MiB
// (70% writes); the "pending" trace has every 10th bio queued without a completion, at its own
// sectors (as a trace cut off or a device that hung would leave them). Each measure runs in its
// own process, so its peak RSS is its own.
// Run: npm run bench -- trace-pairing [--bios 1000000] [--small 250000]
// Target: pending / normal time < 2 for latency and ingest (1M bios, 100k never complete);
// peak RSS of each stage about the same at the small and the large size.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeLatency } from '../../src/blktrace/latency';
import { streamMerged } from '../../src/blktrace/read';
import { BLK_TA, BLK_TC, tcAct, type BlkRecord } from '../../src/blktrace/record';
import { encodeRecordInto, encodedSize } from '../../src/blktrace/write';
import { exactContent, ingestStream } from '../../src/ingest';

const DEVICE = (253 << 20) | 7;
const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};

function record(time: bigint, sector: bigint, write: boolean, code: number): BlkRecord {
  const cat = tcAct(write ? BLK_TC.WRITE : BLK_TC.READ) | tcAct(code === BLK_TA.QUEUE ? BLK_TC.QUEUE : BLK_TC.COMPLETE);
  return { version: 7, sequence: 0, time, sector, bytes: 4096, action: (cat | code) >>> 0, actionHigh: 0, pid: 1,
    device: DEVICE, cpu: 0, error: 0, pdu: new Uint8Array(0), offset: 0 };
}

/** NAME.blktrace.0 with `bios` bios; with `pending`, every 10th is never completed. */
function writeTrace(name: string, bios: number, pending: boolean): void {
  const fd = fs.openSync(`${name}.blktrace.0`, 'w');
  const buf = new Uint8Array(1 << 20);
  let off = 0;
  let x = 12345;
  const put = (r: BlkRecord): void => {
    if (off + encodedSize(r) > buf.length) { fs.writeSync(fd, buf, 0, off); off = 0; }
    off = encodeRecordInto(r, buf, off);
  };
  for (let i = 0; i < bios; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const t = BigInt(i) * 10_000n;
    const write = (x & 0xff) < 180;
    if (pending && i % 10 === 9) { put(record(t, 131072n + BigInt(i) * 8n, write, BLK_TA.QUEUE)); continue; }
    const sector = BigInt((x >>> 8) % 16384) * 8n;
    put(record(t, sector, write, BLK_TA.QUEUE));
    put(record(t + 5_000n, sector, write, BLK_TA.COMPLETE));
  }
  fs.writeSync(fd, buf, 0, off);
  fs.closeSync(fd);
}

/** In the child: one stage over the trace; prints {ms, rssMiB, check}. */
function child(stage: string, name: string): void {
  const t0 = process.hrtime.bigint();
  const m = streamMerged(name);
  let check = 0;
  if (stage === 'decode') for (const _ of m.records) check++;
  else if (stage === 'latency') check = computeLatency(m.records).unpairedQ;
  else {
    const zero = new Uint8Array(4096);
    const content = exactContent(() => zero);
    let st = 0;
    for (const _ of ingestStream(m.records, { content, device: DEVICE, maxRetainedPages: 8192 }, (s) => { st = s.unpairedQ.length; })) check++;
    check = st;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ ms, rssMiB: process.resourceUsage().maxRSS / 1024, check }) + '\n');
}

function run(stage: string, name: string): { ms: number; rssMiB: number; check: number } {
  const r = spawnSync(process.execPath, [__filename, '--child', stage, name], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${stage} on ${name} failed: ${r.stderr.slice(0, 400)}`);
  return JSON.parse(r.stdout);
}

function main(): void {
  const big = Number(arg('bios', '1000000'));
  const small = Number(arg('small', '250000'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-pairing-'));
  try {
    const traces = { normal: path.join(dir, 'normal'), pending: path.join(dir, 'pending'), small: path.join(dir, 'small') };
    writeTrace(traces.normal, big, false);
    writeTrace(traces.pending, big, true);
    writeTrace(traces.small, small, false);
    console.log(`traces: ${big} bios (normal; pending: ${big / 10} never complete), ${small} bios (small)`);
    for (const stage of ['decode', 'ingest', 'latency']) {
      const n = run(stage, traces.normal);
      const p = run(stage, traces.pending);
      const s = run(stage, traces.small);
      console.log(`${stage.padEnd(8)} normal ${(n.ms / 1000).toFixed(2)} s, pending ${(p.ms / 1000).toFixed(2)} s ` +
        `(ratio ${(p.ms / n.ms).toFixed(2)}, target < 2; unpaired ${stage === 'decode' ? '-' : p.check}); ` +
        `peak RSS ${s.rssMiB.toFixed(0)} MiB at ${small} bios, ${n.rssMiB.toFixed(0)} MiB at ${big} bios`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') child(process.argv[3], process.argv[4]);
else main();
