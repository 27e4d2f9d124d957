// Hostile blktrace inputs: endless standard input (/dev/zero), FIFOs, traces with impossible
// sectors and reversed time (dropped bios are printed and counted in the JSON), and seeded random
// damage to a real trace. Each ends in a result or a one-line bad-input error, quickly.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBlkparse } from '../../src/blktrace/blkparse-run';
import { computeLatency } from '../../src/blktrace/latency';
import { streamMerged } from '../../src/blktrace/read';
import { BLK_TA, BLK_TC, tcAct, type BlkRecord } from '../../src/blktrace/record';
import { encodeRecordInto, encodedSize } from '../../src/blktrace/write';
import { readPipeBounded } from '../../src/input/pipe-read';
import { BadInputError } from '../../src/replay/bad-input';
import { openInput } from '../../src/replay/input';
import { runCli } from '../replay/cli-harness';
import { mutate, prng, ROOT, SEED, tmpDir } from './hostile-helpers';

const REAL = path.join(ROOT, 'traces', 'zram-seqwrite', 'zram-seqwrite.blktrace.0');
let CONTENT = ''; // image:FILE, cheap pages (a damaged size field can ask for 64 MiB writes)
const FUZZ_CASES = 20;
let dir: string;
beforeAll(() => {
  dir = tmpDir('trace');
  fs.writeFileSync(path.join(dir, 'image'), Buffer.alloc(64 * 1024, 0x5a));
  CONTENT = `image:${path.join(dir, 'image')}`;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function rec(time: bigint, sector: bigint, code: number): BlkRecord {
  const cat = tcAct(BLK_TC.WRITE) | tcAct(code === BLK_TA.QUEUE ? BLK_TC.QUEUE : BLK_TC.COMPLETE);
  return { version: 7, sequence: 0, time, sector, bytes: 4096, action: (cat | code) >>> 0, actionHigh: 0, pid: 1,
    device: (253 << 20) | 7, cpu: 0, error: 0, pdu: new Uint8Array(0), offset: 0 };
}

function writeTrace(name: string, records: BlkRecord[]): void {
  const buf = new Uint8Array(records.reduce((n, r) => n + encodedSize(r), 0));
  let off = 0;
  for (const r of records) off = encodeRecordInto(r, buf, off);
  fs.writeFileSync(`${name}.blktrace.0`, buf);
}

describe('standard input in pipe mode is bounded', () => {
  test('blkparse -i - < /dev/zero stops after one read with a one-line error and exit 2', () => {
    const fd = fs.openSync('/dev/zero', 'r');
    const err: string[] = [];
    try {
      const r = runBlkparse({ inputs: ['-'], stdinFd: fd, quiet: true }, () => undefined, (s) => err.push(s));
      expect(r.exitCode).toBe(2);
    } finally { fs.closeSync(fd); }
    expect(err.join('')).toMatch(/^-: no blktrace magic at byte 0: not a blktrace stream\n$/);
  });
  test('valid records then endless zeros: reading stops at two bad magics, not at the end of input', () => {
    const fd = fs.openSync('/dev/zero', 'r');
    const good = fs.readFileSync(REAL);
    const file = path.join(dir, 'then-zeros');
    fs.writeFileSync(file, Buffer.concat([good, Buffer.alloc(8 << 20)]));
    const f = fs.openSync(file, 'r');
    try {
      const p = readPipeBounded(f, 64 << 20);
      expect(p.stopped).toMatch(/^bad magic at bytes \d+ and \d+$/);
      expect(p.bytes.length).toBeLessThan(good.length + (2 << 20));
    } finally { fs.closeSync(f); fs.closeSync(fd); }
  });
  test('more valid input than the limit is refused with a message', () => {
    const f = fs.openSync(REAL, 'r');
    try {
      expect(() => readPipeBounded(f, 1024)).toThrow(/standard input holds more than 1024 bytes of trace: give it as files/);
    } finally { fs.closeSync(f); }
  });
});

describe('non-regular trace inputs are refused, never waited on', () => {
  test('a FIFO given to latency and to replay', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const l = await runCli(['latency', '-i', fifo]);
    expect(l.code).toBe(2);
    expect(l.stderr).toMatch(/a FIFO, expected a trace file/);
    const r = await runCli(['replay', fifo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a FIFO, expected a regular file/);
  });
  test('a per-CPU file that is a FIFO', () => {
    execFileSync('mkfifo', [path.join(dir, 'pc.blktrace.0')]);
    expect(() => streamMerged(path.join(dir, 'pc'))).toThrow(/pc\.blktrace\.0: a FIFO, expected a regular file/);
  });
});

describe('dropped bios are printed and counted', () => {
  test('impossible sectors and reversed time: one stderr line names them, the JSON counts them', async () => {
    const name = path.join(dir, 'odd');
    const rs: BlkRecord[] = [];
    for (let i = 0; i < 20; i++) rs.push(rec(BigInt(i * 1000), BigInt(i * 8), BLK_TA.QUEUE), rec(BigInt(i * 1000 + 500), BigInt(i * 8), BLK_TA.COMPLETE));
    rs.push(rec(30_000n, 2n ** 60n, BLK_TA.QUEUE), rec(31_000n, 2n ** 60n, BLK_TA.COMPLETE)); // sector past 2^53
    rs.push(rec(32_000n, 800n, BLK_TA.QUEUE), rec(100n, 800n, BLK_TA.COMPLETE));               // time runs backwards
    writeTrace(name, rs);
    const r = await runCli(['replay', name, '--content', CONTENT, '--json', '--every', '0']);
    expect(r.code).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.includes('input:'));
    expect(line).toMatch(/2 records dropped \(time or sector beyond 2\^53\)/);
    expect(line).toMatch(/\d+ records out of time order/);
    const input = JSON.parse(r.stdout).input;
    expect(input.unrepresentable).toBe(2);
    expect(input.timeInversions).toBeGreaterThan(0);
  });
});

describe('trace: seeded random damage', () => {
  test(`seed ${SEED}: ${FUZZ_CASES} damaged traces end in a replay or BadInputError, and latency never throws`, async () => {
    const rnd = prng(SEED);
    const bad: string[] = [];
    let refused = 0;
    for (let i = 0; i < FUZZ_CASES; i++) {
      const name = path.join(dir, `f${i}`);
      fs.copyFileSync(REAL, `${name}.blktrace.0`);
      const what = mutate(`${name}.blktrace.0`, rnd);
      try {
        const inp = await openInput(name, CONTENT);
        for await (const _ of inp.events) { /* drain */ }
        inp.close();
      } catch (e) {
        if (e instanceof BadInputError) refused++;
        else bad.push(`case ${i} (${what}): ${(e as Error).constructor.name}: ${(e as Error).message}`);
      }
      try { computeLatency(streamMerged(name).records); } catch (e) { bad.push(`latency case ${i} (${what}): ${(e as Error).message}`); }
    }
    expect(bad).toEqual([]);
    expect(refused).toBeLessThan(FUZZ_CASES); // most damage still decodes: the check is not a blanket refusal
  });
});
