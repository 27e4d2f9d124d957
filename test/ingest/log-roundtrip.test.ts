// The log is the hub: for every committed bundle and a bare trace, the events ingest makes in
// memory and the same events written to a log file, closed and read back through the fold's
// EventStore give byte-identical replay outputs; `zram-ref ingest` then `replay LOG` gives the
// same outputs (and the same log digest) as `replay BUNDLE`, which ingests into its cache.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Recorded, ZramEvent } from '../../src/events/types';
import { LogFileStore } from '../../src/log';
import { writeBundleLog } from '../../src/record/bundle-log';
import { ingestInput, sourceOf } from '../../src/replay/ingest-input';
import { locateInput, openInput } from '../../src/replay/input';
import { ModelImplementation } from '../../src/replay/model-implementation';
import { openBundle, openTrace } from '../../src/replay/trace-input';
import { replayToStrings } from '../replay/helpers';
import { runCli } from '../replay/cli-harness';
import { writeLog } from '../replay/log-file';
import { smallSequence } from '../replay/small-sequence';

const ROOT = path.join(__dirname, '../../traces');
const BUNDLES = fs.readdirSync(path.join(ROOT, 'bundles'))
  .filter((d) => fs.existsSync(path.join(ROOT, 'bundles', d, 'manifest.json'))).sort();
const TRACE = 'zram-seqwrite';
const CONTENT = 'synthetic:text:2,zeros:1,random:1,same:1';
const INPUTS: [string, string, string][] = [
  ...BUNDLES.map((b): [string, string, string] => [b, path.join(ROOT, 'bundles', b), 'exact']),
  [TRACE, path.join(ROOT, TRACE), CONTENT],
];

let dir: string;
const savedCache = process.env.ZRAM_REF_CACHE;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-hub-'));
  process.env.ZRAM_REF_CACHE = path.join(dir, 'cache');
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (savedCache === undefined) delete process.env.ZRAM_REF_CACHE;
  else process.env.ZRAM_REF_CACHE = savedCache;
});

async function collect(it: AsyncIterable<Recorded<ZramEvent>>): Promise<Recorded<ZramEvent>[]> {
  const out: Recorded<ZramEvent>[] = [];
  for await (const r of it) out.push(r);
  return out;
}

describe('a log written, closed and folded again equals the in-memory fold', () => {
  test('there are bundles to check', () => expect(BUNDLES.length).toBeGreaterThanOrEqual(6));

  test.each(INPUTS)('%s', async (name, input, content) => {
    const loc = locateInput(input);
    if (loc.kind === 'log') throw new Error('expected a bundle or trace');
    const raw = loc.kind === 'bundle' ? openBundle(loc.path) : openTrace(loc.path, loc.files, content);
    const memory = await collect(raw.events);
    raw.close();
    const file = path.join(dir, `${name}.zlog`);
    const { log, header } = await ingestInput(loc, content, file);
    expect(log.events).toBe(memory.length);
    const store = LogFileStore.open(file);
    expect(store.version).toBe(memory.length);
    expect(store.header).toEqual(header);
    expect(header.provenance['ingest.inputName']).toBe(name);
    const a = await replayToStrings(new ModelImplementation(), memory, 100);
    const b = await replayToStrings(new ModelImplementation(), store.read(), 100);
    expect(a.records.length).toBeGreaterThan(10);
    expect(b.outputs === a.outputs).toBe(true);
  });
});

describe('zram-ref ingest, then replay the log', () => {
  const some = INPUTS.filter(([n]) => n === 'mem-limit' || n === TRACE);
  test.each(some)('%s: same outputs as replaying the input', async (name, input, content) => {
    const log = path.join(dir, `${name}.cli.zlog`);
    const ing = await runCli(['ingest', input, '--content', content, '-o', log, '--json']);
    expect(ing.stderr).toBe('');
    expect(ing.code).toBe(0);
    const summary = JSON.parse(ing.stdout);
    const run = async (what: string, out: string) => {
      const args = ['replay', what, '--content', content, '--every', '50', '-o', out, '--json'];
      const r = await runCli(args);
      expect([r.code, r.stderr]).toEqual([0, '']);
      return fs.readFileSync(out, 'utf8').split('\n');
    };
    const fromLog = await run(log, path.join(dir, `${name}.log.jsonl`));
    const fromInput = await run(input, path.join(dir, `${name}.in.jsonl`));
    const [hl, hi] = [JSON.parse(fromLog[0]).header, JSON.parse(fromInput[0]).header];
    expect(hi.inputDigest).toBe(summary.logDigest); // the outputs name the log they folded
    expect(hl.inputDigest).toBe(summary.logDigest);
    expect(hi.inputName).toBe(name);
    expect(fromLog.slice(1).join('\n') === fromInput.slice(1).join('\n')).toBe(true);
    // nothing is overwritten
    const again = await runCli(['ingest', input, '--content', content, '-o', log]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists: remove it or choose another -o/);
  });

  test('a bare trace without --content is refused, and nothing is written', async () => {
    const out = path.join(dir, 'nocontent.zlog');
    const r = await runCli(['ingest', path.join(ROOT, TRACE), '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/carries no page contents: give --content/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe("record's bundle log", () => {
  test('events.zlog is folded directly, left out of the bundle digest, and used only if it is of this bundle', async () => {
    const b = path.join(dir, 'ml-bundle');
    fs.cpSync(path.join(ROOT, 'bundles', 'mem-limit'), b, { recursive: true });
    const digest = () => sourceOf({ kind: 'bundle', path: b, files: [] }, 'exact').digest;
    const before = digest();
    const w = await writeBundleLog(b);
    expect(w.events).toBeGreaterThan(10);
    expect(digest()).toBe(before);
    const own = await openInput(b);
    expect(own.logPath).toBe(path.join(b, 'events.zlog'));
    own.close();
    fs.rmSync(path.join(b, 'events.zlog'));
    writeLog(path.join(b, 'events.zlog'), smallSequence()); // a valid log, but not of this bundle
    const other = await openInput(b);
    expect(other.logPath).not.toBe(path.join(b, 'events.zlog'));
    expect(other.digest).toBe(own.digest);
    other.close();
  });
});
