// Replay: determinism, the device path equals the model, what-if knobs, timing kept apart.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ZramDevice } from '../../src/device/zram-device';
import { diffOutputs } from '../../src/diff';
import { DeviceImplementation } from '../../src/replay/device-implementation';
import { ModelImplementation } from '../../src/replay/model-implementation';
import { parseRecord, type OutputRecord } from '../../src/replay/outputs';
import { replaySession } from '../../src/replay/session';
import { runReplay } from '../../src/replay/run';
import { nanos } from '../../src/units';
import { timingPathFor } from '../../src/replay/timing';
import { runCli } from './cli-harness';
import { replayToStrings } from './helpers';
import { writeLog } from './log-file';
import { asAsync, smallSequence } from './small-sequence';

let dir: string;
let log: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-replay-'));
  log = path.join(dir, 'small.zlog');
  writeLog(log, smallSequence());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const session = (out: string | undefined, extra: Partial<Parameters<typeof replaySession>[0]> = {}) => replaySession({
  input: log, out, knobs: {}, variant: 'claim', content: 'exact', every: 10, target: async () => new ModelImplementation(), ...extra,
});

describe('replay outputs', () => {
  test('two replays of the same log give byte-identical outputs files', async () => {
    await session(path.join(dir, 'a.jsonl'));
    await session(path.join(dir, 'b.jsonl'));
    const a = fs.readFileSync(path.join(dir, 'a.jsonl'));
    expect(a.length).toBeGreaterThan(1000);
    expect(a.equals(fs.readFileSync(path.join(dir, 'b.jsonl')))).toBe(true);
  });

  test('wall-clock timings go to the timing file only', async () => {
    const out = path.join(dir, 't.jsonl');
    await session(out);
    const outputs = fs.readFileSync(out, 'utf8');
    expect(outputs).not.toMatch(/serviceNs|wallNs|peakRss/);
    const timing = fs.readFileSync(timingPathFor(out), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(timing.filter((t) => 'bio' in t).length).toBe(29);
    expect(timing.at(-1).summary.implementation).toBe('model:claim');
  });

  test('checkpoints come every N events, at each kernel sample (with the sample) and at the end', async () => {
    const { records } = await replayToStrings(new ModelImplementation(), smallSequence(), 10);
    const cps = records.filter((r): r is Extract<OutputRecord, { checkpoint: unknown }> => 'checkpoint' in r).map((r) => r.checkpoint);
    const events = smallSequence();
    const samples = events.filter((e) => e.event.type === 'KernelStatSampled').map((e) => e.seq);
    expect(cps.filter((c) => c.reason === 'sample').map((c) => c.seq)).toEqual(samples);
    expect(cps.filter((c) => c.reason === 'sample').every((c) => c.kernel !== null)).toBe(true);
    expect(cps.filter((c) => c.reason === 'every').map((c) => c.seq)).toEqual(events.filter((e) => (e.seq + 1) % 10 === 0).map((e) => e.seq));
    expect(cps.at(-1)).toMatchObject({ reason: 'end', seq: events.at(-1)!.seq });
    expect(records.at(-1)).toEqual({ end: { events: events.length, bios: 29, checkpoints: cps.length } });
  });

  test('with nobody writing the outputs, only the last checkpoint carries the state digest; the stats are the same',
    async () => {
      const run = async (digests: 'all' | 'end') => {
        const cps: Extract<OutputRecord, { checkpoint: unknown }>['checkpoint'][] = [];
        const sinks = { output: (r: OutputRecord) => { if ('checkpoint' in r) cps.push(r.checkpoint); },
          timing: () => undefined };
        const header = { format: 'f', version: 1, toolVersion: 't', inputDigest: '', inputName: '',
          options: {} as never };
        await runReplay(new ModelImplementation(), smallSequence(), sinks, { header, every: 10, digests });
        return cps;
      };
      const all = await run('all'), end = await run('end');
      expect(all.length).toBeGreaterThan(3);
      expect(all.every((c) => /^[0-9a-f]{16}$/.test(c.digest))).toBe(true);
      expect(end.map((c) => c.digest)).toEqual([...all.slice(0, -1).map(() => ''), all.at(-1)!.digest]);
      expect(end.map((c) => ({ ...c, digest: '' }))).toEqual(all.map((c) => ({ ...c, digest: '' })));
      // a session without -o: its report's final digest is the one the outputs file would end with
      const out = path.join(dir, 'digests.jsonl');
      const withFile = await session(out);
      const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as OutputRecord);
      const last = lines.filter((r) => 'checkpoint' in r).at(-1) as Extract<OutputRecord, { checkpoint: unknown }>;
      expect(withFile.report.final!.digest).toBe(last.checkpoint.digest);
      expect((await session(undefined)).report.final).toEqual(withFile.report.final);
    });

  test('reads carry a content digest that follows the data', async () => {
    const { records } = await replayToStrings(new ModelImplementation(), smallSequence(), 0);
    const reads = records.flatMap((r) => ('bio' in r && r.bio.op === 'read' ? [r.bio] : []));
    expect(reads).toHaveLength(3);
    expect(reads.every((b) => /^[0-9a-f]{16}$/.test(b.digest))).toBe(true);
    expect(new Set(reads.map((b) => b.digest)).size).toBe(3); // different data, different digests
  });

  test('every line parses back and matches the documented schema (proto/replay.proto)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const protobuf = require('protobufjs') as typeof import('protobufjs');
    const root = protobuf.loadSync(path.join(__dirname, '../../proto/replay.proto'));
    const Rec = root.lookupType('zram_ref.v1.OutputRecord');
    const { outputs } = await replayToStrings(new ModelImplementation(), smallSequence(), 10);
    for (const [i, line] of outputs.trim().split('\n').entries()) {
      const obj = parseRecord(line, `line ${i + 1}`);
      const msg = Rec.fromObject(obj);
      const back = Rec.toObject(msg, { defaults: true, longs: Number });
      expect(Object.keys(back)).toContain(Object.keys(obj)[0]);
      expect(flatKeys(back[Object.keys(obj)[0]])).toEqual(expect.arrayContaining(flatKeys((obj as Record<string, unknown>)[Object.keys(obj)[0]])
        .filter((k) => !k.startsWith('kernel'))));
    }
  });
});

function flatKeys(v: unknown, p = ''): string[] {
  if (v === null || typeof v !== 'object') return [p];
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => flatKeys(x, p ? `${p}.${k}` : k));
}

describe('implementations', () => {
  test('the device path (bios through the userspace API) gives the same outputs as the reducer', async () => {
    const model = await replayToStrings(new ModelImplementation(), smallSequence(), 10);
    const dev = await replayToStrings(new DeviceImplementation('device', new ZramDevice()), smallSequence(), 10);
    const r = await diffOutputs({ name: 'model', header: (model.records[0] as { header: never }).header, records: asAsync(model.records.slice(1)) },
      { name: 'device', header: (dev.records[0] as { header: never }).header, records: asAsync(dev.records.slice(1)) });
    expect(r.first).toBeNull();
    expect(r.equal).toBe(true);
    expect(r.compared).toBe(model.records.length - 1);
    expect(r.notCompared).toEqual([expect.objectContaining({ field: 'checkpoint.digest' })]);
  });
});

describe('what-if knobs', () => {
  test('--algorithm replaces the recorded algorithm and changes the compressed size; the header records it', async () => {
    const a = await session(path.join(dir, 'lz4.jsonl'));
    const b = await session(path.join(dir, 'lzo.jsonl'), { knobs: { algorithm: 'lzo' } });
    expect(b.report.header.options.algorithm).toBe('lzo');
    expect(b.report.final!.stats.mmStat.origDataSize).toBe(a.report.final!.stats.mmStat.origDataSize);
    expect(b.report.final!.stats.mmStat.comprDataSize).not.toBe(a.report.final!.stats.mmStat.comprDataSize);
  });

  test('--mem-limit is stored before the disksize when the log sets none then, and replaces later stores', async () => {
    const { report } = await session(path.join(dir, 'ml.jsonl'), { knobs: { memLimit: '64K' } });
    expect(report.final!.stats.mmStat.memLimit).toBe(65536);
    const stores = report.failures.events.find((e) => e.event === 'store mem_limit');
    expect(stores?.count).toBe(1); // the recorded one; the inserted one writes no record of its own
  });

  test('--param level=N becomes algorithm_params before the disksize', async () => {
    const { report } = await session(path.join(dir, 'lvl.jsonl'), { knobs: { params: 'level=9' } });
    expect(report.header.options.params).toBe('level=9');
    expect(report.failures.events.find((e) => e.event === 'store algorithm_params')).toBeUndefined();
    await expect(session(path.join(dir, 'lvl-bad.jsonl'), { knobs: { params: 'level=x' } }))
      .rejects.toThrow(/--param 'level=x': the device refused it \(EINVAL\)/);
  });
});

describe('replay CLI', () => {
  test('writes outputs and prints the report; --json prints it as JSON', async () => {
    const out = path.join(dir, 'cli.jsonl');
    const r = await runCli(['replay', log, '-o', out, '--every', '10']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/zram-ref replay report/);
    expect(fs.existsSync(out)).toBe(true);
    const j = await runCli(['replay', log, '--json']);
    expect(JSON.parse(j.stdout).events).toBe(smallSequence().length);
  });
});

describe('--pace', () => {
  test("holds events back to the trace's timing", async () => {
    const events = smallSequence().map((r, i) => ({ ...r, ts: nanos(r.ts + i * 5_000_000) })); // ~5 ms apart
    const span = (events.at(-1)!.ts - events[0].ts) / 1e6;
    const t0 = Date.now();
    const sinks = { output: () => undefined, timing: () => undefined };
    const header = { format: 'zram-ref-outputs', version: 1, toolVersion: '0', inputDigest: '', inputName: '',
      options: { algorithm: '', params: '', disksize: '', memLimit: '', variant: 'claim', content: 'exact', every: 0,
        kernelConfig: 'default' } };
    await runReplay(new ModelImplementation(), asAsync(events), sinks, { header, every: 0, pace: true });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(span - 5);
  });
});
