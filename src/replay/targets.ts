// --target: which implementation a replay runs on. "model" is the reducer; "new" and "/dev/zramN"
// are real zram devices (device-targets.ts).
import type { KernelConfig } from '../compress/profile';
import { kernelDeps } from '../device/deps';
import { getLifetime } from '../device/lifetime';
import { BadInputError } from './bad-input';
import type { Implementation } from './implementation';
import { ModelImplementation } from './model-implementation';

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
  const m = /^\/dev\/zram(\d+)$/.exec(spec);
  if (spec !== 'new' && !m) throw new BadInputError(`--target '${spec}': expected model, new or /dev/zramN`);
  // required here: a model replay never loads src/kernel
  const devices = require('./device-targets') as typeof import('./device-targets');
  return m ? devices.existingDeviceTarget(spec, Number(m[1])) : devices.newDeviceTarget();
}
