// --target: which implementation a replay runs on. "model" is the reducer; "new" creates a
// private real zram device (hot_add; reset and hot_remove when done, also on signals).
import * as fs from 'node:fs';
import { KernelZram } from '../../tools/kernel/kernel-zram';
import { getLifetime } from '../device/lifetime';
import { BadInputError } from './bad-input';
import { DeviceImplementation } from './device-implementation';
import type { Implementation } from './implementation';
import { ModelImplementation } from './model-implementation';

/** Why the real kernel cannot be used here, or null when it can. */
export function kernelUnavailable(): string | null {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not running as root';
  if (!fs.existsSync('/sys/class/zram-control/hot_add')) return 'no /sys/class/zram-control (zram not available)';
  return null;
}

export async function newKernelImplementation(): Promise<Implementation> {
  const dev = await KernelZram.create();
  return new DeviceImplementation('kernel', dev, () => dev.dispose());
}

export function makeTarget(spec: string, variant: string): () => Promise<Implementation> {
  try {
    getLifetime(variant);
  } catch (e) {
    throw new BadInputError(`--variant: ${(e as Error).message}`);
  }
  if (spec === 'model') return async () => new ModelImplementation(variant);
  if (spec === 'new') {
    const why = kernelUnavailable();
    if (why) throw new BadInputError(`--target new needs the real zram device: ${why}`);
    return newKernelImplementation;
  }
  if (/^\/dev\/zram\d+$/.test(spec)) {
    throw new BadInputError(`--target ${spec}: replaying onto an existing device is not supported yet (it would need ` +
      'KernelZram to attach to a device it did not create); use --target new for a private device');
  }
  throw new BadInputError(`--target '${spec}': expected model, new or /dev/zramN`);
}
