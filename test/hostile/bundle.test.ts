// Hostile record bundles: gzip bombs, links to devices and outside the bundle, FIFOs, empty and
// corrupt manifests, names that climb out of the directory, damaged traces, and seeded random
// damage to every file. Each ends in a one-line BadInputError (exit 2 from the CLI) or, for
// --allow-damage, in a replay whose losses are printed and carried in the JSON.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { openInput } from '../../src/replay/input';
import { BadInputError } from '../../src/replay/bad-input';
import { runCli } from '../replay/cli-harness';
import { copyDir, mutate, prng, ROOT, SEED, tmpDir } from './hostile-helpers';

const EXACT = path.join(ROOT, 'traces', 'bundles', 'mem-limit');
const APPROX = path.join(ROOT, 'traces', 'bundles', 'ext4-fstrim');
const FUZZ_CASES = 16;
let dir: string;
let n = 0;
beforeAll(() => { dir = tmpDir('bundle'); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const fresh = (from = EXACT): string => copyDir(from, dir, `b${n++}`);
const manifestOf = (b: string): Record<string, any> => JSON.parse(fs.readFileSync(path.join(b, 'manifest.json'), 'utf8')); // eslint-disable-line
const writeManifest = (b: string, m: unknown): void => fs.writeFileSync(path.join(b, 'manifest.json'), JSON.stringify(m));

/** Opens and drains the input: the error it ends in (null for success). */
async function outcome(input: string, opts: { allowDamage?: boolean } = {}): Promise<Error | null> {
  try {
    const inp = await openInput(input, 'exact', opts);
    for await (const _ of inp.events) { /* drain */ }
    inp.close();
    return null;
  } catch (e) {
    return e as Error;
  }
}

async function refused(input: string, message: RegExp): Promise<void> {
  const e = await outcome(input);
  expect(e).toBeInstanceOf(BadInputError);
  expect(e!.message).toMatch(message);
  expect(e!.message).not.toMatch(/\n/);
  const r = await runCli(['replay', input]);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('bundle: sizes are bounded by what the manifest declares', () => {
  test('a gzip bomb in pages.bin.gz (256 MiB of zeros for 168 declared pages) stops at the declared size', async () => {
    const b = fresh();
    fs.writeFileSync(path.join(b, 'pages.bin.gz'), zlib.gzipSync(Buffer.alloc(256 << 20), { level: 9 }));
    const rss0 = process.memoryUsage().rss;
    await refused(b, /pages\.bin\.gz: decompresses to more than the 688128 bytes its listing declares/);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(128 << 20);
  });
  test('a gzip bomb in image.bin.gz stops at the pages image.runs lists', async () => {
    const b = fresh(APPROX);
    fs.writeFileSync(path.join(b, 'image.bin.gz'), zlib.gzipSync(Buffer.alloc(32 << 20), { level: 9 }));
    await refused(b, /image\.bin\.gz: decompresses to more than/);
  });
  test('image.runs listing pages past the disksize is refused before anything is decompressed', async () => {
    const b = fresh(APPROX);
    fs.writeFileSync(path.join(b, 'image.runs'), '0 100000000\n');
    await refused(b, /image\.runs line 1: expected "first count" of pages inside the disksize/);
  });
  test('pages.sha256 longer than the declared distinct pages is refused', async () => {
    const b = fresh();
    fs.appendFileSync(path.join(b, 'pages.sha256'), `${'0'.repeat(64)}\n`);
    await refused(b, /pages\.sha256: \d+ bytes, more than the 10920 expected at most/);
  });
});

describe('bundle: only regular files inside the bundle are read', () => {
  test('pages.bin.gz as a symlink to /dev/zero is refused as a character device', async () => {
    const b = fresh();
    fs.rmSync(path.join(b, 'pages.bin.gz'));
    fs.symlinkSync('/dev/zero', path.join(b, 'pages.bin.gz'));
    await refused(b, /links outside the bundle directory|a character device, expected a regular file/);
  });
  test('a FIFO with no writer as manifest.json is refused at once (no hang)', async () => {
    const b = fresh();
    fs.rmSync(path.join(b, 'manifest.json'));
    execFileSync('mkfifo', [path.join(b, 'manifest.json')]);
    await refused(b, /manifest\.json: a FIFO, expected a regular file/);
  });
  test('a FIFO as a trace file is refused (no hang)', async () => {
    const b = fresh();
    fs.rmSync(path.join(b, 'trace.blktrace.1'));
    execFileSync('mkfifo', [path.join(b, 'trace.blktrace.1')]);
    await refused(b, /trace\.blktrace\.1: a FIFO, expected a regular file/);
  });
  test.each(['../../../../etc/passwd', '/etc/passwd', '..', 'a/b', ''])('capture.traceName %j is refused', async (name) => {
    const b = fresh();
    const m = manifestOf(b);
    m.capture.traceName = name;
    writeManifest(b, m);
    await refused(b, /capture\.traceName .* is not a plain file name in the bundle/);
  });
  test('a trace file that links outside the bundle is refused', async () => {
    const b = fresh();
    const outside = path.join(dir, `outside${n}.blktrace.1`);
    fs.renameSync(path.join(b, 'trace.blktrace.1'), outside);
    fs.symlinkSync(outside, path.join(b, 'trace.blktrace.1'));
    await refused(b, /links outside the bundle directory/);
  });
});

describe('bundle: a broken manifest is an error, never "a bare trace"', () => {
  test.each([['empty', ''], ['spaces', '  \n'], ['corrupt', '{"format": "zram-ref-record-bun'], ['a list', '[1,2]']])(
    'manifest.json %s', async (_what, text) => {
      const b = fresh();
      fs.writeFileSync(path.join(b, 'manifest.json'), text);
      await refused(b, /manifest\.json: (empty|not valid JSON|not a JSON object)|not a record bundle|bundle format/);
    });
  test.each(['capture', 'contents', 'device'])('manifest.json without %s names the field (no TypeError)', async (field) => {
    const b = fresh();
    const m = manifestOf(b);
    delete m[field];
    writeManifest(b, m);
    await refused(b, new RegExp(`manifest\\.json: ${field}(\\.\\w+)? must be`));
  });
});

describe('bundle: a damaged trace fails the replay unless --allow-damage', () => {
  /** The bundle's largest trace file (one CPU's file may be empty). */
  const traceFile = (b: string): string =>
    ['trace.blktrace.0', 'trace.blktrace.1'].map((f) => path.join(b, f)).sort((x, y) => fs.statSync(y).size - fs.statSync(x).size)[0];
  /** The offset of the record boundary nearest the middle (v7: 48-byte header, u16 pdu_len at 46). */
  const middleBoundary = (t: string): number => {
    const b = fs.readFileSync(t);
    let pos = 0;
    while (pos < b.length / 2) pos += 48 + b.readUInt16LE(pos + 46);
    return pos;
  };
  test('a trace cut inside a record: exit 2; with --allow-damage the replay runs and prints its losses', async () => {
    const b = fresh();
    const t = traceFile(b);
    fs.truncateSync(t, fs.statSync(t).size - 20);
    await refused(b, /the trace is damaged \(.*trace\.blktrace\.\d at byte \d+.*\): give --allow-damage/);
    const r = await runCli(['replay', b, '--allow-damage', '--json', '--every', '0']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*the trace is damaged/);
    expect(r.stderr).toMatch(/warning: input: \d+ bios; .*bytes of a cut last record/);
    expect(JSON.parse(r.stdout).input.decode.truncatedTailBytes).toBeGreaterThan(0);
  });
  test('a trace cut at a record boundary (fewer bios than ops.jsonl requests) is damaged too', async () => {
    const b = fresh();
    const t = traceFile(b);
    fs.truncateSync(t, middleBoundary(t));
    const e = await outcome(b);
    expect(e).toBeInstanceOf(BadInputError);
    expect(e!.message).toMatch(/the trace is damaged \((the trace holds \d+ bios, ops\.jsonl lists 38 requests|\d+ bios never completed)/);
  });
  test('the whole bundle replays with no loss line and input counts of zero in the JSON', async () => {
    const r = await runCli(['replay', fresh(), '--json', '--every', '0']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/input:/);
    const input = JSON.parse(r.stdout).input;
    expect(input.queued).toBe(38);
    expect(input.oversized + input.unrepresentable + input.neverCompleted).toBe(0);
  });
});

describe('bundle: seeded random damage', () => {
  const files = ['manifest.json', 'ops.jsonl', 'samples.jsonl', 'pages.bin.gz', 'pages.sha256', 'trace.blktrace.0', 'trace.blktrace.1'];
  test(`seed ${SEED}: ${FUZZ_CASES} cases (bytes flipped, files cut or extended) end in success or BadInputError`, async () => {
    const rnd = prng(SEED);
    const bad: string[] = [];
    let refusedCount = 0;
    for (let i = 0; i < FUZZ_CASES; i++) {
      const b = fresh();
      const f = files[Math.floor(rnd() * files.length)];
      const what = mutate(path.join(b, f), rnd);
      const e = await outcome(b);
      if (e instanceof BadInputError) refusedCount++;
      else if (e) bad.push(`case ${i}: ${f} ${what}: ${e.constructor.name}: ${e.message}`);
      fs.rmSync(b, { recursive: true, force: true });
    }
    expect(bad).toEqual([]);
    expect(refusedCount).toBeGreaterThan(0); // the damage is real: some cases must be refused
  });
});
