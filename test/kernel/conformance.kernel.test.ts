// Lock-step conformance on the real kernel: the model against a private kernel device
// (kernel-vs-kernel when the model is absent), a few hundred ops per algorithm.
import { COMP_ALGORITHMS } from '../../src/compress/types';
import { loadModel, openPair } from '../../tools/conformance/devices';
import { formatMismatch, runLockstep } from '../../tools/conformance/lockstep';
import { describeKernel } from '../helpers/kernel';

const OPS = 300;
const SEED = Number(process.env.CONFORMANCE_SEED ?? 20261129);

describeKernel(`conformance, ${OPS} ops per algorithm, seed ${SEED}`, () => {
  it('kernel vs kernel: two private devices agree (checks the harness and the kernel\'s determinism)', async () => {
    const pair = await openPair('kernel');
    try {
      const r = await runLockstep(pair.a, pair.b, { seed: SEED, ops: OPS, alg: 'lz4' });
      if (r.mismatch) throw new Error(formatMismatch(r.mismatch, pair.names));
      expect(r.steps).toBe(OPS);
      expect(r.opCounts.write).toBeGreaterThan(OPS / 5);
      // the run reached the interesting paths (figures printed on failure)
      const c = r.coverage;
      expect([c.hugeStores > 0, c.sameStores > 0, c.failedWriteBios > 0, c.notifyFree > 0, c.resets > 0])
        .toEqual([true, true, true, true, true]);
    } finally {
      await pair.dispose();
    }
  });

  it.each([...COMP_ALGORITHMS])('model vs kernel, %s', async (alg) => {
    const pairing = (await loadModel()) ? 'model' : 'kernel';
    const pair = await openPair(pairing);
    try {
      const r = await runLockstep(pair.a, pair.b, { seed: SEED + alg.length, ops: OPS, alg });
      if (r.mismatch) throw new Error(formatMismatch(r.mismatch, pair.names));
      expect(r.steps).toBe(OPS);
    } finally {
      await pair.dispose();
    }
  });
});
