// The real kernel as an implementation: the small sequence replayed onto a private zram device
// (KernelZram, O_DIRECT) gives outputs that diff equal to the model's (state digest aside,
// which the kernel cannot show). Skipped without root and /sys/class/zram-control.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffOutputs, formatDiff } from '../../src/diff';
import { DeviceImplementation } from '../../src/replay/device-implementation';
import { ModelImplementation } from '../../src/replay/model-implementation';
import type { OutputHeader } from '../../src/replay/outputs';
import { KernelZram } from '../../src/kernel/zram';
import { createDevice, DeviceIdentity, deviceGone, liveIdentity, removeDevice, resetDevice, sameDevice }
  from '../../src/kernel/device';
import { readAttr } from '../../src/kernel/sysfs';
import { describeKernel } from '../helpers/kernel';
import { runCli } from './cli-harness';
import { replayToStrings, type Replayed } from './helpers';
import { writeLog } from './log-file';
import { asAsync, smallSequence } from './small-sequence';

const side = (name: string, r: Replayed) =>
  ({ name, header: (r.records[0] as { header: OutputHeader }).header, records: asAsync(r.records.slice(1)) });

describeKernel('replay onto the real kernel', () => {
  test.each(['lz4', 'lzo-rle'])('model and kernel outputs diff equal (%s)', async (alg) => {
    const events = smallSequence().map((r) => r.event.type === 'AttrStored' && r.event.attr === 'comp_algorithm'
      ? { ...r, event: { ...r.event, value: alg } } : r);
    const dev = await KernelZram.create();
    let kernel: Replayed;
    try {
      kernel = await replayToStrings(new DeviceImplementation('kernel', dev, () => dev.dispose()), events, 10);
    } finally {
      await dev.dispose();
    }
    const model = await replayToStrings(new ModelImplementation(), events, 10);
    const r = await diffOutputs(side('model', model), side('kernel', kernel));
    if (!r.equal) throw new Error(formatDiff(r));
    expect(r.compared).toBe(model.records.length - 1);
    expect(r.notCompared.map((n) => n.field)).toEqual(['checkpoint.digest']);
  });
});

describeKernel('replay CLI with --target new', () => {
  test('outputs of the model and of a private real device diff equal through the CLI', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-kcli-'));
    try {
      const log = path.join(dir, 'small.zlog');
      writeLog(log, smallSequence());
      const ids: DeviceIdentity[] = [];
      const create = KernelZram.create.bind(KernelZram);
      const spy = jest.spyOn(KernelZram, 'create').mockImplementation(async () => { const d = await create(); ids.push(liveIdentity(d.id)); return d; });
      const k = await runCli(['replay', log, '--target', 'new', '-o', path.join(dir, 'k.jsonl'), '--every', '7']);
      spy.mockRestore();
      expect(k.code).toBe(0);
      expect(k.stdout).toMatch(/target +kernel/);
      expect(ids).toHaveLength(1);
      expect(deviceGone(ids[0])).toBe(true); // our device was reset and removed
      expect((await runCli(['replay', log, '-o', path.join(dir, 'm.jsonl'), '--every', '7'])).code).toBe(0);
      const d = await runCli(['diff', path.join(dir, 'm.jsonl'), path.join(dir, 'k.jsonl')]);
      expect(d.stdout).toMatch(/EQUAL/);
      expect(d.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeKernel('replay CLI with --target /dev/zramN (a device the caller created)', () => {
  test('replays onto it, diffs equal with the model, leaves it in place; an initialised or busy device is refused', async () => {
    const id = createDevice();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-existing-'));
    try {
      const log = path.join(dir, 'small.zlog');
      writeLog(log, smallSequence());
      const k = await runCli(['replay', log, '--target', `/dev/zram${id}`, '-o', path.join(dir, 'k.jsonl')]);
      expect([k.code, k.stderr]).toEqual([0, '']);
      expect(sameDevice(liveIdentity(id))).toBe(true); // not removed: it is the caller's
      expect((await runCli(['replay', log, '-o', path.join(dir, 'm.jsonl')])).code).toBe(0);
      const d = await runCli(['diff', path.join(dir, 'm.jsonl'), path.join(dir, 'k.jsonl')]);
      expect([d.code, d.stdout]).toEqual([0, expect.stringContaining('EQUAL')]);
      const again = await runCli(['replay', log, '--target', `/dev/zram${id}`, '-o', path.join(dir, 'k2.jsonl')]);
      expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('initialised; reset it first')]);
      resetDevice(id);
      // another process holds the device open (our own fds do not count as "someone else's")
      const holder = spawn('sh', ['-c', `exec 3</dev/zram${id}; echo held; exec sleep 60`], { stdio: ['ignore', 'pipe', 'ignore'] });
      try {
        await new Promise((r) => holder.stdout!.once('data', r));
        const busy = await runCli(['replay', log, '--target', `/dev/zram${id}`, '-o', path.join(dir, 'k3.jsonl')]);
        expect([busy.code, busy.stderr]).toEqual([2, expect.stringContaining(`is open by pid ${holder.pid}`)]);
      } finally {
        holder.kill('SIGKILL');
        await new Promise((r) => holder.once('exit', r));
      }
      expect(readAttr(id, 'initstate')).toBe('0\n');
    } finally {
      expect(removeDevice(id)).toBeNull();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
