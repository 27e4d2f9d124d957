// reset + hot_remove off the caller's thread, with a time limit: a reset can hang inside the
// kernel, and a caller that must report it (the explorer's kernel check) cannot block on it. The
// stuck worker is abandoned (unref'd) and what is left is named with the commands to remove it.
import { Worker } from 'node:worker_threads';
import { DeviceIdentity, sysfsDir } from './device-identity';
import { ZRAM_CONTROL } from './sysfs';

// Plain JS (an eval'd worker cannot load TypeScript modules): the same steps as
// tryResetAndRemove in device.ts, retrying while the device is busy, and touching the device
// only while it is still the one `ino` names (its id may be someone else's device by now).
const REMOVE = `
const fs = require('node:fs');
const { parentPort, workerData: { id, ino, dir, control } } = require('node:worker_threads');
const same = () => { try { return fs.statSync(dir).ino === ino; } catch { return false; } };
const GONE = 'gone';
const reset = () => {
  let fd;
  try { fd = fs.openSync(dir + '/reset', fs.constants.O_WRONLY); } catch { return GONE; }
  try {
    if (!same()) return GONE;
    fs.writeSync(fd, '1\\n');
    return null;
  } catch (e) {
    return e.code === 'ENODEV' || e.code === 'ENOENT' ? GONE : dir + '/reset: ' + (e.code || e);
  } finally { fs.closeSync(fd); }
};
const remove = () => {
  if (!same()) return null;
  let fd;
  try {
    fd = fs.openSync(control + '/hot_remove', fs.constants.O_WRONLY); // write-only attribute
    fs.writeSync(fd, id + '\\n');
    return null;
  } catch (e) { return control + '/hot_remove: ' + (e.code || e); }
  finally { if (fd !== undefined) fs.closeSync(fd); }
};
let left = null;
let wasReset = false;
for (let i = 0; i < 100; i++) {
  if (!wasReset) {
    left = reset();
    if (left === GONE) { left = null; break; }
    if (left === null) wasReset = true;
  }
  if (wasReset) left = remove();
  if (left === null || !/EBUSY/.test(left)) break;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
}
parentPort.postMessage(left);
`;

/** null when the device `who` names is gone (someone else's device under its id is left alone),
 * else what was left (never throws). */
export function resetAndRemoveWithin(who: DeviceIdentity, timeoutMs: number): Promise<string | null> {
  const { id, ino } = who;
  return new Promise((resolve) => {
    const workerData = { id, ino, dir: sysfsDir(id), control: ZRAM_CONTROL };
    const w = new Worker(REMOVE, { eval: true, workerData });
    const timer = setTimeout(() => {
      w.unref();
      resolve(`zram${id}: reset did not return within ${timeoutMs} ms; the device is left (remove it later: ` +
        `echo 1 > /sys/block/zram${id}/reset; echo ${id} > ${ZRAM_CONTROL}/hot_remove)`);
    }, timeoutMs);
    w.once('message', (left: string | null) => { clearTimeout(timer); void w.terminate(); resolve(left); });
    w.once('error', (e) => { clearTimeout(timer); resolve(`zram${id}: ${e.message}`); });
  });
}
