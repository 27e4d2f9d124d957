// The real-device --target values: "new" creates a private real zram device (hot_add; reset and
// hot_remove when done, also on signals); "/dev/zramN" drives an existing, unused, uninitialised
// device and leaves it in place. targets.ts loads this file only for such a target.
import { kernelUnavailable } from '../kernel/capability';
import { readAttr } from '../kernel/sysfs';
import { KernelZram } from '../kernel/zram';
import { deviceRefusals } from '../record/safety';
import { BadInputError } from './bad-input';
import { DeviceImplementation } from './device-implementation';
import type { Implementation } from './implementation';

export async function newKernelImplementation(): Promise<Implementation> {
  const dev = await KernelZram.create();
  return new DeviceImplementation('kernel', dev, () => dev.dispose());
}

/** --target new: refused where the real zram device is missing. */
export function newDeviceTarget(): () => Promise<Implementation> {
  const why = kernelUnavailable();
  if (why) throw new BadInputError(`--target new needs the real zram device: ${why}`);
  return newKernelImplementation;
}

/** --target /dev/zramN: a device the user chose. Refused when missing, in use (mounted, swap,
 * held, open by another process) or initialised (reset it first: the replay sets it up). */
export function existingDeviceTarget(spec: string, id: number): () => Promise<Implementation> {
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
