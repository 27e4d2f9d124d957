// The captured-bundle stats on their way out: replay --json `input` (first ingest and a cached
// log alike, via the losses sidecar), the bundle's own events.zlog with its sidecar, the
// stderr line for unknown pages, `record --check` text and JSON, and malformed swap entries as
// one-line bad input.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeBundleLog } from '../../src/record/bundle-log';
import { PageStore } from '../../src/record/page-store';
import { runCli } from '../replay/cli-harness';
import { captureRead, disksize, filled, FixBundle, procStart, release, writeFixture } from './captured-fixture';

let cache: string;
const saved = process.env.ZRAM_REF_CACHE;
const dirs: string[] = [];
beforeAll(() => { cache = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-cache-')); process.env.ZRAM_REF_CACHE = cache; });
afterAll(() => {
  if (saved === undefined) delete process.env.ZRAM_REF_CACHE; else process.env.ZRAM_REF_CACHE = saved;
  for (const d of [cache, ...dirs]) fs.rmSync(d, { recursive: true, force: true });
});

function fixture(extra: Partial<FixBundle> = {}): string {
  const s = new PageStore();
  const [A] = [s.add(filled(0xa1))];
  const dir = writeFixture({ store: s,
    ops: [disksize(1 << 20), procStart(300, 5), captureRead(200, 3, 20, 21, [A]), release(300, 40, 50, [3])],
    bios: [{ op: 'write', page: 3, pid: 100, q: 10, c: 11 }, { op: 'read', page: 3, pid: 200, q: 20, c: 21 },
      { op: 'write', page: 5, pid: 100, q: 30, c: 31 }],
    samples: [{ at: 2, notifyFree: 0, writeIos: 0, label: 'start' }, { at: 60, notifyFree: 1, writeIos: 2, label: 'end' }],
    ...extra });
  dirs.push(dir);
  return dir;
}

const EXPECTED_INPUT = {
  contents: { mode: 'captured', pages: { exact: 1, inferred: 0, unknown: 1 }, reasons: { 'read-back': 1, 'not-read-back': 1 },
    standIn: expect.stringContaining('synthetic text.english') },
  slotFrees: { inferred: 1, fromSwapIn: 0, fromRelease: 1, fromSwapoff: 0, busy: 0, checks: { samples: 2, agree: 2 } },
  writeZeroes: { inferred: 0, candidates: 1, ambiguous: 0, unfit: 0 }, // the write never read back could be one
};

describe('captured stats reach replay --json, the log cache and the bundle log', () => {
  test('first ingest and cached log give the same input section; stderr names the unknown pages', async () => {
    const dir = fixture();
    const first = await runCli(['replay', dir, '--json', '--every', '0']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).input).toMatchObject({ queued: 3, ...EXPECTED_INPUT });
    expect(first.stderr).toMatch(/input: 3 bios; 1 pages of unknown content \(stand-in: the bytes the first read-back/);
    expect(fs.readdirSync(cache, { recursive: true }).some((f) => String(f).endsWith('.losses.json'))).toBe(true);
    const again = await runCli(['replay', dir, '--json', '--every', '0']);
    expect(JSON.parse(again.stdout).input).toEqual(JSON.parse(first.stdout).input);
  });

  test("the bundle's own events.zlog keeps its stats beside it, outside the bundle's digest", async () => {
    const dir = fixture();
    const before = await runCli(['replay', dir, '--json', '--every', '0']);
    await writeBundleLog(dir);
    expect(fs.existsSync(path.join(dir, 'events.zlog.losses.json'))).toBe(true);
    fs.rmSync(cache, { recursive: true, force: true });
    fs.mkdirSync(cache);
    const own = await runCli(['replay', dir, '--json', '--every', '0']);
    expect(JSON.parse(own.stdout).input).toEqual(JSON.parse(before.stdout).input);
    const files = fs.readdirSync(cache, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(cache, f)).isFile());
    expect(files).toEqual([]); // the own log was used, nothing ingested again
  });

  test('record --check prints the provenance, the free check and write-zeroes (text and JSON)', async () => {
    const dir = fixture();
    const text = await runCli(['record', '--check', dir]);
    expect(text.stdout).toMatch(/2 pages: 1 exact \(50\.00%\), 0 inferred \(0\.00%\), 1 unknown \(50\.00%\)/);
    expect(text.stdout).toMatch(/1 inferred \(0 after swap-in reads, 1 from released slots, 0 by swapoff; 0 busy\)/);
    const json = await runCli(['record', '--check', dir, '--json']);
    expect(JSON.parse(json.stdout).input).toMatchObject(EXPECTED_INPUT);
  });
});

describe('malformed swap entries are bad input, named, on one line', () => {
  test.each([
    ['release slots past the device', release(300, 40, 50, [1 << 20]), /release slots must be page numbers below 256/],
    ['a proc without pid', { kind: 'proc', step: 0, event: 'start', t0: '1', t1: '2' }, /proc needs a pid/],
    ['a swapoff with a bad time', { kind: 'swapoff', step: 0, pid: 4, t0: 'x', t1: '2', errno: null }, /swapoff t0 must be decimal ns/],
    ['a read-back naming a page not in the store', captureRead(200, 9, 70, 71, [7]), /pages must be page numbers below 1/],
  ])('%s', async (_, entry, message) => {
    const dir = fixture();
    fs.appendFileSync(path.join(dir, 'ops.jsonl'), JSON.stringify(entry) + '\n');
    const r = await runCli(['replay', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
