// The implementation contract on the real kernel: random API-level sequences replayed on a
// private real zram device diff equal to the model (see contract.test.ts). Seeds in the titles.
import fc from 'fast-check';
import { DeviceImplementation } from '../../src/replay/device-implementation';
import { KernelZram } from '../../src/kernel/zram';
import { describeKernel } from '../helpers/kernel';
import { eventsOf, expectEqual, opArb, seed } from './contract-helpers';

describeKernel(`implementation contract on the real kernel (fast-check seed ${seed})`, () => {
  test('the real device equals the model', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('lz4', 'lzo', 'lzo-rle'), fc.array(opArb, { minLength: 1, maxLength: 40 }), async (alg, ops) => {
      await expectEqual(eventsOf(alg, ops), async () => { const dev = await KernelZram.create(); return new DeviceImplementation('kernel', dev, () => dev.dispose()); }, seed);
    }), { seed, numRuns: Number(process.env.CONTRACT_RUNS ?? 8) });
  });
});
