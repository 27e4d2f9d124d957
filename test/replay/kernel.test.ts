// The real kernel as an implementation: the small sequence replayed onto a private zram device
// (KernelZram, O_DIRECT) gives outputs that diff equal to the model's (state digest aside,
// which the kernel cannot show). Skipped without root and /sys/class/zram-control.
import { diffOutputs, formatDiff } from '../../src/diff';
import { DeviceImplementation } from '../../src/replay/device-implementation';
import { ModelImplementation } from '../../src/replay/model-implementation';
import type { OutputHeader } from '../../src/replay/outputs';
import { KernelZram } from '../../tools/kernel/kernel-zram';
import { describeKernel } from '../helpers/kernel';
import { replayToStrings, type Replayed } from './helpers';
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
