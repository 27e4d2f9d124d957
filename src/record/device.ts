// The recorded zram device: a private one made with hot_add (--new) or a given /dev/zramN,
// configured through sysfs; every store is logged like a workload store, so a replay starts
// from the same configuration.
import * as fs from 'node:fs';
import { statValue } from '../device/stat-columns';
import type { OpLog } from './oplog';
import { monoNow } from './sampler';


export interface DeviceConfig {
  readonly algorithm?: string;
  readonly params?: string;
  readonly disksize?: string;
  readonly memLimit?: string;
}

// Creating and removing devices is the kernel driver's (tools/kernel/sysfs.ts); re-exported
// here so the recorder has one place for its device operations.
export { hotAdd, tryResetAndRemove as removeDevice } from '../../tools/kernel/sysfs';

export function readAttr(dev: string, attr: string): string {
  return fs.readFileSync(`/sys/block/${dev}/${attr}`, 'utf8');
}

/** Writes the configuration in the order the kernel needs (algorithm and params before
 * disksize; mem_limit works either way) and logs each store. Throws on the first failure. */
export function configureDevice(dev: string, cfg: DeviceConfig, ops: OpLog): void {
  const steps: [string, string | undefined][] = [['comp_algorithm', cfg.algorithm], ['algorithm_params', cfg.params],
    ['mem_limit', cfg.memLimit], ['disksize', cfg.disksize]];
  for (const [attr, value] of steps) {
    if (value === undefined) continue;
    const t0 = monoNow();
    let errno: string | null = null;
    try {
      fs.writeFileSync(`/sys/block/${dev}/${attr}`, `${value}\n`);
    } catch (e) {
      errno = (e as NodeJS.ErrnoException).code ?? 'EIO';
    }
    ops.add({ kind: 'store', step: 0, attr, value, t0: String(t0), t1: String(monoNow()), errno });
    if (errno) throw new Error(`echo ${value} > /sys/block/${dev}/${attr}: ${errno}`);
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
  for (const [attr, value] of entries) ops.add({ kind: 'store', step: 0, attr, value, t0: t, t1: t, errno: null, observed: true });
}
