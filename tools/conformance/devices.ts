// Which two devices a conformance run compares: the model against a private kernel device,
// or (to check the harness itself, or while the model is unavailable) two kernel devices.
import { ZramLike } from '../../src/device/block-device';
import { KernelZram } from '../../src/kernel/zram';

export type Pairing = 'model' | 'kernel';

/** `new ZramDevice()`, loaded lazily so the harness works without the model; undefined if absent. */
export async function loadModel(): Promise<(() => ZramLike) | undefined> {
  try {
    const mod = (await import('../../src/device/zram-device')) as { ZramDevice?: new () => ZramLike };
    const Ctor = mod.ZramDevice;
    return Ctor ? () => new Ctor() : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw e;
  }
}

export interface DevicePair {
  readonly a: ZramLike;
  readonly b: ZramLike;
  readonly names: readonly [string, string];
  dispose(): Promise<void>;
}

/** Device A is always a kernel device (the generator reads its state); B is the model or a second kernel device. */
export async function openPair(pairing: Pairing): Promise<DevicePair> {
  const makeModel = pairing === 'model' ? await loadModel() : undefined;
  if (pairing === 'model' && !makeModel) throw new Error('the model (src/device/zram-device ZramDevice) is not available');
  const a = await KernelZram.create();
  let b: ZramLike;
  try {
    b = makeModel ? makeModel() : await KernelZram.create();
  } catch (e) {
    await a.dispose();
    throw e;
  }
  const names: [string, string] = [`kernel zram${a.id}`, b instanceof KernelZram ? `kernel zram${b.id}` : 'model'];
  return {
    a, b, names,
    async dispose() {
      await a.dispose();
      if (b instanceof KernelZram) await b.dispose();
    },
  };
}
