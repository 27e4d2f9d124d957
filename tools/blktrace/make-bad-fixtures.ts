// Builds the hand-made fixtures under test/fixtures/blktrace/<case>/ from the real traces, and
// records Debian blkparse's output for each: expected.txt (`blkparse -i CASE` in the directory)
// and expected-pipe.txt (`cat CASE.blktrace.* | blkparse -i -`).
// Usage: node dist/tools/blktrace/make-bad-fixtures.js [--out test/fixtures/blktrace]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeAll } from '../../src/blktrace/decode';
import { BLK_TN_MESSAGE, BLK_TN_PROCESS, BLK_TN_TIMESTAMP, BlkRecord } from '../../src/blktrace/record';
import { encodeRecords, EncodeOptions } from '../../src/blktrace/write';
import { CASES_EXTRA } from './bad-fixture-records';

type Files = Record<number, Uint8Array>;

const load = (name: string, cpu: number): Uint8Array =>
  new Uint8Array(fs.readFileSync(`traces/${name}/${name}.blktrace.${cpu}`));
const records = (name: string, cpu: number): BlkRecord[] => decodeAll(load(name, cpu)).records;
const enc = (rs: BlkRecord[], o: EncodeOptions = {}): Uint8Array => encodeRecords(rs, o);
const cat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));
const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

function patch(b: Uint8Array, off: number, bytes: number[]): Uint8Array {
  const c = b.slice();
  c.set(bytes, off);
  return c;
}

function note(action: number, pid: number, cpu: number, time: bigint, pdu: Uint8Array): BlkRecord {
  return { version: 7, sequence: 0, time, sector: 0n, bytes: 0, action, actionHigh: 0, pid, device: 0x0fd00001,
    cpu, error: 0, pdu, offset: 0 };
}

function comm(s: string): Uint8Array {
  const b = new Uint8Array(16);
  b.set(ascii(s).subarray(0, 15));
  return b;
}

/** Each case: files by CPU number. */
function cases(): Record<string, Files> {
  const seq0 = load('zram-seqwrite', 0);
  const rr = [records('zram-randrw-2cpu', 0), records('zram-randrw-2cpu', 1)];
  const seqRecs = records('zram-seqwrite', 0);
  const t0 = seqRecs[0].time;
  const pid = seqRecs[0].pid;
  const ts = new Uint8Array(8);
  new DataView(ts.buffer).setUint32(0, 1_764_400_000, true);
  new DataView(ts.buffer).setUint32(4, 123_456_789, true);
  const cgMsg = cat(new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0]), ascii('bfq1A in service'));
  return {
    'be-swapped': { 0: enc(rr[0], { littleEndian: false }), 1: enc(rr[1], { littleEndian: false }) },
    'bad-magic': { 0: patch(seq0, 5 * 48, [0x58, 0x58, 0x58, 0x58]) },
    'not-blktrace': { 0: ascii('this is not a blktrace stream, just text\n'.repeat(4)) },
    truncated: { 0: seq0.subarray(0, 10 * 48 + 20) },
    'giant-pdu': { 0: patch(seq0, 3 * 48 + 46, [0x60, 0xea]) },
    'empty-files': { 0: new Uint8Array(0), 1: new Uint8Array(0), 2: enc(seqRecs.map((r) => ({ ...r, cpu: 2 }))) },
    'cpu-mismatch': { 0: enc(rr[0].map((r, i) => (i % 10 === 3 ? { ...r, cpu: 1 } : r))), 1: enc(rr[1]) },
    'cpu-all-wrong': { 0: enc(rr[1]) },
    'lost-marker': { 0: cat(seq0.subarray(0, 10 * 48), ascii('CPU:0 [LOST 7 EVENTS]\n'), seq0.subarray(10 * 48)) },
    'text-header': { 0: cat(ascii('# tracer: blk\n#\n'), seq0) },
    notes: { 0: enc([
      note(BLK_TN_TIMESTAMP, 0, 0, t0 - 5000n, ts),
      note(BLK_TN_PROCESS, pid, 0, t0 - 4000n, comm('dd')),
      ...seqRecs.slice(0, 6),
      note(BLK_TN_MESSAGE, 0, 0, seqRecs[6].time, ascii('hello from a message note')),
      note((BLK_TN_MESSAGE | 0x100) >>> 0, 0, 0, seqRecs[6].time + 1n, cgMsg),
      ...seqRecs.slice(6),
    ]) },
    ties: ties(rr),
    ...CASES_EXTRA(seqRecs),
  };
}

/** Times cut to 10 us, three CPUs, five repeats: many equal timestamps within and across
 * per-CPU files, and more than one 512-record batch per file (blkparse's tie order). */
function ties(rr: BlkRecord[][]): Files {
  const q = (r: BlkRecord): BlkRecord => ({ ...r, time: (r.time / 10000n) * 10000n });
  const per: BlkRecord[][] = [rr[0].map(q), rr[1].map(q), rr[0].map((r) => ({ ...q(r), cpu: 2, sector: r.sector + 100000n }))];
  const files: Files = {};
  per.forEach((list, cpu) => {
    const all: BlkRecord[] = [];
    for (let k = 0n; k < 5n; k++) for (const r of list) all.push({ ...r, time: r.time + k * 100_000_000n });
    files[cpu] = enc(all);
  });
  return files;
}

function blkparse(args: string[], cwd: string, input?: Uint8Array): string {
  try {
    return execFileSync('blkparse', args, { cwd, input, encoding: 'latin1', stdio: ['pipe', 'pipe', 'ignore'] });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? '');
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const oi = args.indexOf('--out');
  const outRoot = oi >= 0 ? args[oi + 1] : 'test/fixtures/blktrace';
  for (const [name, files] of Object.entries(cases())) {
    const dir = path.join(outRoot, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const cpus = Object.keys(files).map(Number).sort((a, b) => a - b);
    for (const cpu of cpus) fs.writeFileSync(path.join(dir, `${name}.blktrace.${cpu}`), files[cpu]);
    fs.writeFileSync(path.join(dir, 'expected.txt'), blkparse(['-i', name], dir), 'latin1');
    const all = cat(...cpus.map((c) => files[c]));
    fs.writeFileSync(path.join(dir, 'expected-pipe.txt'), blkparse(['-i', '-'], dir, all), 'latin1');
    console.log(`${name}: ${cpus.length} file(s)`);
  }
}

main();
