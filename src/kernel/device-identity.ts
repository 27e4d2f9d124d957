// Which zram device a number means. Ids are reused within milliseconds on a shared machine, so an
// id alone cannot say "the device we made": kernfs gives every new sysfs node a new inode number
// (measured on 6.18: hot_add, reset + hot_remove, hot_add again gives the same id and another
// inode), so id + the inode of /sys/devices/virtual/block/zramN does. Re-exported by device.ts.
import * as fs from 'node:fs';

export interface DeviceIdentity {
  readonly id: number;
  /** Inode number of the device's sysfs directory, taken right after hot_add. */
  readonly ino: number;
}

export function sysfsDir(id: number, sysRoot = '/sys'): string {
  return `${sysRoot}/devices/virtual/block/zram${id}`;
}

/** The identity of zramN as it is now, or null when there is no zramN. */
export function identityOf(id: number, sysRoot = '/sys'): DeviceIdentity | null {
  try { return { id, ino: fs.statSync(sysfsDir(id, sysRoot)).ino }; } catch { return null; }
}

/** True while the device `who` names still exists (not merely some device with its id). */
export function sameDevice(who: DeviceIdentity, sysRoot = '/sys'): boolean {
  return identityOf(who.id, sysRoot)?.ino === who.ino;
}

/** True when the device `who` names is gone, even if another device got its id since. */
export function deviceGone(who: DeviceIdentity, sysRoot = '/sys'): boolean {
  return !sameDevice(who, sysRoot);
}

/** /dev/DEV must be the block device whose major:minor sysfs gives: a regular file left at that
 * path (e.g. by `dd of=/dev/zramN` after the device went) would take writes meant for the device.
 * Checked wherever a device node is opened for I/O after creation. */
export function nodeMismatch(dev: string, sysRoot = '/sys', devRoot = '/dev'): string | null {
  let want: string;
  try { want = fs.readFileSync(`${sysRoot}/block/${dev}/dev`, 'utf8').trim(); } catch {
    return `/dev/${dev} does not exist`;
  }
  let st: fs.Stats;
  try { st = fs.statSync(`${devRoot}/${dev}`); } catch {
    return `/dev/${dev} has no device node (expected block device ${want})`;
  }
  // glibc's major()/minor() of a dev_t (Node gives it as a number)
  const major = Math.floor(st.rdev / 256) & 0xfff;
  const minor = (st.rdev & 0xff) | ((Math.floor(st.rdev / 1048576) & 0xfff) << 8);
  const got = `${major}:${minor}`;
  if (!st.isBlockDevice() || got !== want) {
    return `/dev/${dev} is not the block device ${want} (a stray file? remove it and re-create the device)`;
  }
  return null;
}
