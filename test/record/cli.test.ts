// `zram-ref record` without the kernel: capability problems (not root, no tracefs) through an
// injected machine, usage errors, and workload errors naming line and field: all exit 2, and
// the recorder is never started.
import * as fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { RecordCliOpts, runRecord } from '../../src/cli/commands/record';
import type { Machine } from '../../src/record/capabilities';
import type { RecordOptions } from '../../src/record/options';

const ROOT: Machine = { getuid: () => 0, exists: () => true };

async function run(o: Partial<RecordCliOpts>, command: string[] = [], machine: Machine = ROOT) {
  const err = new PassThrough();
  const out = new PassThrough();
  let text = '';
  err.on('data', (d: Buffer) => { text += d.toString(); });
  const calls: RecordOptions[] = [];
  const record = async (opts: RecordOptions) => { calls.push(opts); return { ok: true, failure: null, bundle: '/x', summary: { ok: 1 } }; };
  const code = await runRecord({ interval: '0', image: true, blktrace: true, ...o }, command, { machine, record, out, err });
  return { code, text, calls };
}

describe('record CLI without a kernel', () => {
  test('not root: exit 2, says why, records nothing', async () => {
    const r = await run({ output: '/tmp/x', new: true, disksize: '1M' }, ['true'], { getuid: () => 1000, exists: () => true });
    expect(r).toMatchObject({ code: 2, calls: [] });
    expect(r.text).toMatch(/not running as root/);
  });

  test('no tracefs, no zram-control for --new', async () => {
    const r = await run({ output: '/tmp/x', new: true, disksize: '1M' }, ['true'], { getuid: () => 0, exists: () => false });
    expect(r.code).toBe(2);
    expect(r.text).toMatch(/no tracefs/);
    expect(r.text).toMatch(/zram-control/);
  });

  test.each([
    [{ new: true, disksize: '1M' }, ['true'], /-o BUNDLE is required/],
    [{ output: '/tmp/x', disksize: '1M' }, ['true'], /exactly one of --new and --device/],
    [{ output: '/tmp/x', new: true, device: '/dev/zram7', disksize: '1M' }, ['true'], /exactly one of --new and --device/],
    [{ output: '/tmp/x', new: true, disksize: '1M' }, [], /exactly one of --workload FILE and -- COMMAND/],
    [{ output: '/tmp/x', new: true }, ['true'], /--new needs --disksize/],
    [{ output: '/tmp/x', new: true, disksize: '1G' }, ['true'], /at most 256M/],
    [{ output: '/tmp/x', new: true, disksize: '1M', memLimit: 'lots' }, ['true'], /--mem-limit lots: not a size/],
    [{ output: '/tmp/x', new: true, disksize: '1M', interval: '-5' }, ['true'], /--interval -5/],
    [{ output: '/tmp/x', new: true, disksize: '1M', workload: '/nonexistent.wl' }, [], /--workload \/nonexistent.wl/],
  ])('usage error %#: exit 2', async (o, cmd, msg) => {
    const r = await run(o as Partial<RecordCliOpts>, cmd as string[]);
    expect(r.code).toBe(2);
    expect(r.text).toMatch(msg);
    expect(r.calls).toEqual([]);
  });

  test('--contents: capture by default, image, none; --no-image is none; --no-freeze; a bad value is exit 2', async () => {
    const base = { output: '/tmp/x', new: true, disksize: '1M' };
    const pick = async (o: Partial<RecordCliOpts>) => (await run({ ...base, ...o }, ['true'])).calls[0];
    expect(await pick({})).toMatchObject({ contents: 'capture', freeze: true });
    expect(await pick({ contents: 'image' })).toMatchObject({ contents: 'image' });
    expect(await pick({ contents: 'none' })).toMatchObject({ contents: 'none' });
    expect(await pick({ image: false })).toMatchObject({ contents: 'none' });
    expect(await pick({ freeze: false })).toMatchObject({ freeze: false });
    for (const [o, msg] of [[{ contents: 'all' }, /--contents all: expected capture, image or none/],
      [{ contents: 'capture', image: false }, /--no-image contradicts --contents capture/]] as const) {
      const r = await run({ ...base, ...o }, ['true']);
      expect([r.code, r.calls]).toEqual([2, []]);
      expect(r.text).toMatch(msg);
    }
  });

  test('a workload file with an error: exit 2, the message names file, line and field', async () => {
    const f = `/tmp/zram-ref-cli-${process.pid}.wl`;
    fs.writeFileSync(f, 'write size=64K\nread start=0 size=64K bs=3K\n');
    try {
      const r = await run({ output: '/tmp/x', new: true, disksize: '1M', workload: f });
      expect(r.code).toBe(2);
      expect(r.text).toContain(`${f}:2: field 'bs'`);
      expect(r.calls).toEqual([]);
    } finally {
      fs.rmSync(f);
    }
  });

  test('a workload writing on several threads is recorded with a note on what its check cannot hold', async () => {
    const f = `/tmp/zram-ref-cli-threads-${process.pid}.wl`;
    fs.writeFileSync(f, 'write size=64K\nrandrw size=64K count=10 read=1 threads=2\nrandwrite size=64K count=10 threads=2\n' +
      'randrw size=64K count=10 read=0.5 threads=3\nrandwrite size=64K count=10\n');
    try {
      const r = await run({ output: '/tmp/x', new: true, disksize: '1M', workload: f });
      expect(r.code).toBe(0);
      expect(r.calls).toHaveLength(1);
      expect(r.text).toContain(`note: ${f}: line 3, 4 writes on several threads;`);
      fs.writeFileSync(f, 'randrw size=64K count=10 read=1 threads=2\nrandwrite size=64K count=10\n');
      expect((await run({ output: '/tmp/x', new: true, disksize: '1M', workload: f })).text).not.toMatch(/note:/);
    } finally {
      fs.rmSync(f);
    }
  });

  test('--check folds a committed bundle (exit 0), a non-bundle is bad usage (exit 2)', async () => {
    const good = await run({ check: 'traces/bundles/mem-limit' });
    expect(good.code).toBe(0);
    const bad = await run({ check: '/tmp' });
    expect(bad.code).toBe(2);
    expect(bad.text).toMatch(/not a record bundle/);
  });

  test('good options reach the recorder; --json prints the summary; failure is exit 1', async () => {
    const r = await run({ output: '/tmp/x', new: true, disksize: '1M', algorithm: 'lz4', interval: '100' }, ['sh', '-c', 'true']);
    expect(r.code).toBe(0);
    expect(r.calls[0]).toMatchObject({ output: '/tmp/x', newDevice: true, algorithm: 'lz4', disksize: '1M', intervalMs: 100, command: ['sh', '-c', 'true'] });
    const failing = await runRecord({ output: '/tmp/x', new: true, disksize: '1M', interval: '0', image: true, blktrace: true, json: true }, ['false'],
      { machine: ROOT, out: new PassThrough(), err: new PassThrough(),
        record: async () => ({ ok: false, failure: 'command exited with status 1', bundle: '/x', summary: {} }) });
    expect(failing).toBe(1);
  });
});
