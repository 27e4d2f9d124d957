// A private zram device for the kernel check, behind a small interface (tests put a stand-in
// behind it); the sysfs work itself is src/kernel's: hot_add, stores, reads, and a reset +
// hot_remove that may not hang the caller.
import { ZramError } from '../../errors';
import { resetAndRemoveWithin } from '../../kernel/remove-async';
import { identityOf, nodeMismatch, tryResetAndRemove } from '../../kernel/device';
import { attrPath, hotAdd, readAttr, writeAttr, ZRAM_CONTROL } from '../../kernel/sysfs';

export interface PrivateDevice {
  readonly id: number;
  /** Inode of its sysfs directory at creation: remove() leaves a device with another inode alone. */
  readonly ino: number;
  /** The block device node, e.g. /dev/zram3. */
  readonly node: string;
  /** The attribute file of this device, e.g. /sys/block/zram3/mm_stat. */
  attrPath(name: string): string;
}

export interface DeviceLifecycle {
  /** hot_add; throws an Error whose message says why the device cannot be created. */
  create(): PrivateDevice;
  /** `echo value > attr`: null, or the errno name the kernel returned. */
  store(d: PrivateDevice, attr: string, value: string): string | null;
  read(d: PrivateDevice, attr: string): string;
  /** reset then hot_remove, giving up after `timeoutMs` (a reset can hang in the kernel): null
   * when the device is gone, else what was left. Never throws. */
  remove(d: PrivateDevice, timeoutMs: number): Promise<string | null>;
}

function create(): PrivateDevice {
  let id: number;
  try { id = hotAdd(); } catch (e) {
    throw new Error(`cannot create a zram device (${ZRAM_CONTROL}/hot_add: ${(e as Error).message}); ` +
      'run as root with the zram module loaded');
  }
  const who = identityOf(id);
  if (!who) throw new Error(`cannot use zram${id}: it vanished right after hot_add`);
  const d: PrivateDevice = { id, ino: who.ino, node: `/dev/zram${id}`, attrPath: (name) => attrPath(id, name) };
  const why = nodeMismatch(`zram${id}`); // a stray file at the node would take the I/O
  if (why) {
    tryResetAndRemove(who);
    throw new Error(`cannot use zram${id}: ${why}`);
  }
  return d;
}

export const sysfsLifecycle: DeviceLifecycle = {
  create,
  store(d, attr, value) {
    try { writeAttr(d.id, attr, value); return null; } catch (e) {
      if (e instanceof ZramError) return e.errno;
      return (e as NodeJS.ErrnoException).code ?? String(e);
    }
  },
  read: (d, attr) => readAttr(d.id, attr),
  remove: (d, timeoutMs) => resetAndRemoveWithin({ id: d.id, ino: d.ino }, timeoutMs),
};
