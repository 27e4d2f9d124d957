// Hostile outputs files (for diff) and event logs (for replay): cut short, one huge line,
// FIFOs, seeded random damage; and the seq uniqueness of a what-if replay, so diff aligns the
// right events. Outputs: exit 2 for bad input, never 1 ("a difference") and never a throw.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BadInputError } from '../../src/replay/bad-input';
import { openInput } from '../../src/replay/input';
import { runCli } from '../replay/cli-harness';
import { writeLog } from '../replay/log-file';
import { smallSequence } from '../replay/small-sequence';
import { mutate, prng, SEED, tmpDir } from './hostile-helpers';

const OUTPUT_CASES = 40;
const LOG_CASES = 40;
let dir: string;
let log: string;
let outA: string;
let lines: string[];
beforeAll(async () => {
  dir = tmpDir('outputs');
  log = path.join(dir, 'small.zlog');
  writeLog(log, smallSequence());
  outA = path.join(dir, 'a.jsonl');
  expect((await runCli(['replay', log, '-o', outA, '--every', '5'])).code).toBe(0);
  lines = fs.readFileSync(outA, 'utf8').split('\n').filter((l) => l !== '');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const diff = (b: string): ReturnType<typeof runCli> => runCli(['diff', outA, b]);

describe('outputs given to diff', () => {
  const CUTS = 12;
  test(`${CUTS} cuts at line boundaries are bad input: exit 2 naming the file, not 1 (a difference)`, async () => {
    for (let j = 0; j < CUTS; j++) {
      const k = 1 + Math.floor((j * (lines.length - 1)) / CUTS);
      const b = path.join(dir, `cut${k}.jsonl`);
      fs.writeFileSync(b, lines.slice(0, k).join('\n') + '\n');
      const r = await diff(b);
      expect([k, r.code]).toEqual([k, 2]);
      expect(r.stderr).toMatch(/ends without its end record|empty file/);
    }
  });
  test('one 3 MiB line is refused with its line number, without reading it whole', async () => {
    const b = path.join(dir, 'long.jsonl');
    fs.writeFileSync(b, `${lines[0]}\n${'x'.repeat(3 << 20)}\n`);
    const r = await diff(b);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/long\.jsonl:2: a line longer than 1048576 bytes/);
  });
  test('a checkpoint whose stats lost a column (a flipped byte in a key) is bad input, not an internal error', async () => {
    const k = lines.findIndex((l) => l.startsWith('{"checkpoint"'));
    const b = path.join(dir, 'nostats.jsonl');
    const damaged = lines.map((l, i) => (i === k ? l.replace('"mmStat"', '"mmStaT"') : l));
    fs.writeFileSync(b, damaged.join('\n') + '\n');
    const r = await diff(b);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`nostats\\.jsonl:${k + 1}: checkpoint stats lack a stat column`));
  });
  test.each([['"options"', '"op ions"', /header without its options object/],
    ['"inputDigest"', '"inputDigesT"', /header without a string inputDigest/]])(
    'a header whose %s key lost a byte is bad input naming line 1, not an internal error', async (key, bad, msg) => {
      const b = path.join(dir, 'noopts.jsonl');
      fs.writeFileSync(b, [lines[0].replace(key, bad), ...lines.slice(1)].join('\n') + '\n');
      const r = await diff(b);
      expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/noopts\.jsonl:1: /)]);
      expect(r.stderr).toMatch(msg);
    });
  test('a FIFO and /dev/zero are refused at once', async () => {
    const fifo = path.join(dir, 'fifo.jsonl');
    execFileSync('mkfifo', [fifo]);
    expect((await diff(fifo)).stderr).toMatch(/a FIFO, expected a regular file/);
    expect((await diff('/dev/zero')).stderr).toMatch(/a character device, expected a regular file/);
  });
  test(`seed ${SEED}: ${OUTPUT_CASES} randomly damaged outputs end in exit 0, 1 or 2, never a throw`, async () => {
    const rnd = prng(SEED);
    const codes = [0, 0, 0];
    for (let i = 0; i < OUTPUT_CASES; i++) {
      const b = path.join(dir, `m${i}.jsonl`);
      fs.copyFileSync(outA, b);
      const what = mutate(b, rnd);
      const r = await diff(b).catch((e: Error) => ({ code: -1, stderr: `${what}: threw ${e.message}` }));
      expect([what, r.code]).toEqual([what, expect.any(Number)]);
      expect([what, r.code, r.code === 70 ? r.stderr : '']).toEqual([what, expect.any(Number), '']);
      expect([0, 1, 2]).toContain(r.code);
      if (r.code === 2) expect(r.stderr.trim().split('\n')).toHaveLength(1);
      codes[r.code]++;
    }
    expect(codes[2]).toBeGreaterThan(0);
  });
});

describe('outputs given to export', () => {
  const FORMATS = ['perfetto', 'json-trace', 'csv', 'csv-latency', 'openmetrics'];
  const exportTo = (b: string, format: string): ReturnType<typeof runCli> =>
    runCli(['export', b, '--format', format, '-o', path.join(dir, `x.${format}`)]);
  test.each([['checkpoint', '"tsNs"', 'without a number tsNs'], ['bio', '"sector"', 'without a number sector'],
    ['end', '"bios"', 'without a number bios'], ['checkpoint', '"kernel"', 'without its kernel field']])(
    '%s record: a %s key that lost a byte is bad input naming its line, in every format', async (kind, key, msg) => {
      const k = lines.findIndex((l) => l.startsWith(`{"${kind}"`) && l.includes(key));
      const b = path.join(dir, `lost-${key.slice(1, -1)}.jsonl`);
      const damaged = lines.map((l, i) => (i === k ? l.replace(key, key.replace(/.$/, '_"')) : l));
      fs.writeFileSync(b, damaged.join('\n') + '\n');
      for (const f of FORMATS) {
        const r = await exportTo(b, f);
        expect([f, r.code, r.stderr]).toEqual([f, 2, expect.stringContaining(`:${k + 1}: ${kind} ${msg}`)]);
      }
    });
  test(`seed ${SEED}: ${OUTPUT_CASES} randomly damaged outputs exported: exit 0 or 2, never a throw`, async () => {
    const rnd = prng(SEED ^ 0xe0);
    for (let i = 0; i < OUTPUT_CASES; i++) {
      const b = path.join(dir, `x${i}.jsonl`);
      fs.copyFileSync(outA, b);
      const what = mutate(b, rnd);
      const format = FORMATS[Math.floor(rnd() * FORMATS.length)];
      const r = await exportTo(b, format);
      expect([what, format, r.code, r.code === 2 ? '' : r.stderr]).toEqual([what, format, expect.any(Number), '']);
      expect([0, 2]).toContain(r.code);
    }
  });
});

describe('what-if knobs keep seqs unique', () => {
  test('--mem-limit inserted before the disksize: no two records share a seq, and diff aligns 1:1', async () => {
    const outB = path.join(dir, 'b.jsonl');
    expect((await runCli(['replay', log, '-o', outB, '--every', '5', '--mem-limit', '64K',
      '--algorithm', 'lzo'])).code).toBe(0);
    const seqs = fs.readFileSync(outB, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l))
      .filter((r) => 'bio' in r || 'event' in r).map((r) => (r.bio ?? r.event).seq as number);
    expect(new Set(seqs).size).toBe(seqs.length);
    const r = await runCli(['diff', outA, outB, '--json']);
    expect(r.code).toBe(1); // the knobs change results...
    const rep = JSON.parse(r.stdout);
    expect([rep.onlyInA, rep.onlyInB]).toEqual([0, 0]); // ...but every record has its partner
  });
});

describe('event logs given to replay', () => {
  test('a FIFO and a link to /dev/zero are refused at once', async () => {
    const fifo = path.join(dir, 'fifo.zlog');
    execFileSync('mkfifo', [fifo]);
    await expect(openInput(fifo)).rejects.toThrow(/a FIFO, expected a regular file/);
    const z = path.join(dir, 'zero.zlog');
    fs.symlinkSync('/dev/zero', z);
    await expect(openInput(z)).rejects.toThrow(/a character device, expected a regular file/);
  });
  test(`seed ${SEED}: ${LOG_CASES} randomly damaged logs end in a replay or BadInputError`, async () => {
    const rnd = prng(SEED ^ 0x5eed);
    const bad: string[] = [];
    let refused = 0;
    for (let i = 0; i < LOG_CASES; i++) {
      const f = path.join(dir, `l${i}.zlog`);
      fs.copyFileSync(log, f);
      const what = mutate(f, rnd);
      try {
        const inp = await openInput(f);
        for await (const _ of inp.events) { /* drain */ }
        inp.close();
      } catch (e) {
        if (e instanceof BadInputError) refused++;
        else bad.push(`case ${i} (${what}): ${(e as Error).constructor.name}: ${(e as Error).message}`);
      }
    }
    expect(bad).toEqual([]);
    expect(refused).toBeGreaterThan(0);
  });
});
