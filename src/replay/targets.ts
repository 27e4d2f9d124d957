// --target: which implementation a replay runs on. "model" is the reducer; "new" creates a
// private real zram device (hot_add; reset and hot_remove when done, also on signals);
// "/dev/zramN" drives an existing, unused, uninitialised device and leaves it in place.
import type { KernelConfig } from '../compress/profile';
import { kernelDeps } from '../device/deps';
import { getLifetime } from '../device/lifetime';
import { kernelUnavailable } from '../kernel/capability';
import { readAttr } from '../kernel/sysfs';
import { KernelZram } from '../kernel/zram';
import { deviceRefusals } from '../record/safety';
import { BadInputError } from './bad-input';
import { DeviceImplementation } from './device-implementation';
import type { Implementation } from './implementation';
import { ModelImplementation } from './model-implementation';

export async function newKernelImplementation(): Promise<Implementation> {
  const dev = await KernelZram.create();
  return new DeviceImplementation('kernel', dev, () => dev.dispose());
}

/** --target /dev/zramN: a device the user chose. Refused when missing, in use (mounted, swap,
 * held, open by another process) or initialised (reset it first: the replay sets it up). */
function existingDeviceTarget(spec: string, id: number): () => Promise<Implementation> {
  const why = kernelUnavailable();
  if (why) throw new BadInputError(`--target ${spec} needs the real zram device: ${why}`);
  const refusals = deviceRefusals({ dev: `zram${id}`, created: false, force: true });
  if (refusals.length) throw new BadInputError(`--target ${spec}: ${refusals.join('; ')}`);
  if (readAttr(id, 'initstate').trim() !== '0') {
    throw new BadInputError(`--target ${spec}: the device is initialised; reset it first (echo 1 > /sys/block/zram${id}/reset)`);
  }
  return async () => {
    const dev = KernelZram.attach(id);
    return new DeviceImplementation(`kernel zram${id}`, dev, () => dev.dispose());
  };
}

export function makeTarget(spec: string, variant: string, kernelConfig = 'default'): () => Promise<Implementation> {
  try {
    getLifetime(variant);
  } catch (e) {
    throw new BadInputError(`--variant: ${(e as Error).message}`);
  }
  if (spec === 'model') {
    const deps = { ...kernelDeps, kernelConfig: kernelConfig as KernelConfig }; // checked by the session
    return async () => new ModelImplementation(variant, deps);
  }
  if (kernelConfig !== 'default') {
    throw new BadInputError(`--kernel-config ${kernelConfig} is a what-if for --target model: this kernel has only `
      + 'its own build (lzo-rle, lzo, lz4)');
  }
  if (spec === 'new') {
    const why = kernelUnavailable();
    if (why) throw new BadInputError(`--target new needs the real zram device: ${why}`);
    return newKernelImplementation;
  }
  const m = /^\/dev\/zram(\d+)$/.exec(spec);
  if (m) return existingDeviceTarget(spec, Number(m[1]));
  throw new BadInputError(`--target '${spec}': expected model, new or /dev/zramN`);
}
