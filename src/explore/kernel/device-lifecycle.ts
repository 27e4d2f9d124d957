// A private zram device for the kernel check: hot_add, sysfs stores and reads, reset, and
// hot_remove, in this one place behind a small interface (src/kernel's device module will
// replace the implementation: only this file knows the sysfs paths of zram-control).
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';

const CONTROL = '/sys/class/zram-control';

export interface PrivateDevice {
  readonly id: number;
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

const errnoOf = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e);

export const sysfsLifecycle: DeviceLifecycle = {
  create() {
    let text: string;
    try { text = fs.readFileSync(`${CONTROL}/hot_add`, 'latin1'); } catch (e) {
      throw new Error(`cannot create a zram device (${CONTROL}/hot_add: ${errnoOf(e)}); ` +
        'run as root with the zram module loaded');
    }
    const id = Number.parseInt(text, 10);
    if (!Number.isInteger(id) || id < 0) {
      throw new Error(`cannot create a zram device: hot_add returned '${text.trim()}'`);
    }
    const d: PrivateDevice = { id, node: `/dev/zram${id}`, attrPath: (name) => `/sys/block/zram${id}/${name}` };
    if (!fs.existsSync(d.node)) {
      fs.writeFileSync(`${CONTROL}/hot_remove`, `${id}\n`);
      throw new Error(`cannot use zram${id}: ${d.node} did not appear (is devtmpfs mounted on /dev?)`);
    }
    return d;
  },
  store(d, attr, value) {
    try { fs.writeFileSync(d.attrPath(attr), `${value}\n`); return null; } catch (e) { return errnoOf(e); }
  },
  read: (d, attr) => fs.readFileSync(d.attrPath(attr), 'latin1'),
  remove: (d, timeoutMs) => removeInWorker(d.id, timeoutMs),
};

// The reset and hot_remove run in a worker thread, so that a reset stuck in the kernel leaves
// the caller free to report it (the stuck thread is then abandoned, unref'd).
const REMOVE = `
const fs = require('node:fs');
const { parentPort, workerData: { id, control } } = require('node:worker_threads');
const tryWrite = (p, v) => {
  try { fs.writeFileSync(p, v); return null; } catch (e) { return p + ': ' + (e.code || e); }
};
let left = null;
for (let i = 0; i < 100; i++) {
  if (!fs.existsSync('/sys/block/zram' + id)) { left = null; break; }
  left = tryWrite('/sys/block/zram' + id + '/reset', '1\\n') || tryWrite(control + '/hot_remove', id + '\\n');
  if (left === null || !/EBUSY/.test(left)) break;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
}
parentPort.postMessage(left);
`;

function removeInWorker(id: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const w = new Worker(REMOVE, { eval: true, workerData: { id, control: CONTROL } });
    const timer = setTimeout(() => {
      w.unref();
      resolve(`zram${id}: reset did not return within ${timeoutMs} ms; the device is left (remove it later: ` +
        `echo 1 > /sys/block/zram${id}/reset; echo ${id} > ${CONTROL}/hot_remove)`);
    }, timeoutMs);
    w.once('message', (left: string | null) => { clearTimeout(timer); void w.terminate(); resolve(left); });
    w.once('error', (e) => { clearTimeout(timer); resolve(`zram${id}: ${e.message}`); });
  });
}
