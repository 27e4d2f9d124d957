// One contract, many implementations (STYLE.md rule 10): random API-level sequences (writes of
// mixed contents, overwrites, reads, discards, compaction, mem_limit changes, samples) replayed
// on the model, on the device path over the in-memory ZramDevice and, where available, on the
// real kernel give outputs that diff equal. Seeds are in the titles and failure messages.
import fc from 'fast-check';
import { ZramDevice } from '../../src/device/zram-device';
import { DeviceImplementation } from '../../src/replay/device-implementation';
import { eventsOf, expectEqual, opArb, seed } from './contract-helpers';

describe(`implementation contract (fast-check seed ${seed})`, () => {
  test('the device path over ZramDevice equals the model', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('lz4', 'lzo', 'lzo-rle'), fc.array(opArb, { minLength: 1, maxLength: 40 }), async (alg, ops) => {
      await expectEqual(eventsOf(alg, ops), async () => new DeviceImplementation('device', new ZramDevice()), seed);
    }), { seed, numRuns: 25 });
  });
});
