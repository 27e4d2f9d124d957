// "The device is gone" for tests on a shared machine: another process may have re-created the
// same id within milliseconds, so existence of /sys/block/zramN says nothing; the identity
// (id + sysfs inode, src/kernel/device.ts) does.
import { DeviceIdentity, deviceGone, identityOf } from '../../src/kernel/device';

/** The entries of a recorder state's createdDevices that are still there (expected: []). A bare
 * id (states written before identities) cannot be checked and is returned as is, to fail. */
export function devicesLeft(created: readonly (DeviceIdentity | number)[]): (DeviceIdentity | number)[] {
  return created.filter((d) => typeof d === 'number' || !deviceGone(d));
}

/** The identity of a device this test just learned the id of (throws when it is not there). */
export function identityNow(id: number): DeviceIdentity {
  const who = identityOf(id);
  if (!who) throw new Error(`zram${id} does not exist`);
  return who;
}

export { deviceGone };
