// The recorded zram device: a private one made with createDevice (--new) or a given /dev/zramN,
// configured through sysfs (both src/kernel); every store is logged like a workload store, so a
// replay starts from the same configuration.
import * as kernel from '../kernel/device';
import { readAttr as readKernelAttr, zramId } from '../kernel/sysfs';
import { statValue } from '../device/stat-columns';
import type { OpLog } from './oplog';
import { monoNow } from './sampler';

export type { DeviceConfig } from '../kernel/device';
export { createDevice, removeDevice } from '../kernel/device';

/** `cat /sys/block/DEV/attr` for a device named zramN. */
export function readAttr(dev: string, attr: string): string {
  return readKernelAttr(zramId(dev), attr);
}

/** Writes the configuration in the kernel's order and logs each store. Throws on the first
 * failure, naming the store and the errno. */
export function configureDevice(dev: string, cfg: kernel.DeviceConfig, ops: OpLog): void {
  let failed: kernel.StoreOutcome | undefined;
  try {
    kernel.configureDevice(zramId(dev), cfg, (s) => {
      ops.add({ kind: 'store', step: 0, attr: s.attr, value: s.value, t0: String(s.t0), t1: String(s.t1),
        errno: s.errno });
      if (s.errno) failed = s;
    });
  } catch (e) {
    if (!failed) throw e;
    throw new Error(`echo ${failed.value} > /sys/block/${dev}/${failed.attr}: ${failed.errno}`);
  }
}

/** The selected algorithm from comp_algorithm's "[lz4] lzo ..." text. */
export function currentAlgorithm(dev: string): string {
  const m = /\[([^\]]+)\]/.exec(readAttr(dev, 'comp_algorithm'));
  return m ? m[1] : '';
}

/** The configuration of a device someone else set up, as store entries a replay can start from. */
export function observeConfig(dev: string, ops: OpLog): void {
  const t = String(monoNow());
  const limit = String(statValue('mm_stat', readAttr(dev, 'mm_stat'), 'mem_limit') ?? 0);
  const disksize = readAttr(dev, 'disksize').trim();
  const entries: [string, string][] = [['comp_algorithm', currentAlgorithm(dev)], ['mem_limit', limit]];
  if (disksize !== '0') entries.push(['disksize', disksize]);
  for (const [attr, value] of entries) {
    ops.add({ kind: 'store', step: 0, attr, value, t0: t, t1: t, errno: null, observed: true });
  }
}
