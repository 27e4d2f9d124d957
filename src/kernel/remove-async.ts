// reset + hot_remove off the caller's thread, with a time limit: a reset can hang inside the
// kernel, and a caller that must report it (the explorer's kernel check) cannot block on it. The
// stuck worker is abandoned (unref'd) and what is left is named with the commands to remove it.
import { Worker } from 'node:worker_threads';
import { ZRAM_CONTROL } from './sysfs';

// Plain JS (an eval'd worker cannot load TypeScript modules): the same steps as
// tryResetAndRemove in device.ts, retrying while the device is busy.
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

/** null when the device is gone, else what was left (never throws). */
export function resetAndRemoveWithin(id: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const w = new Worker(REMOVE, { eval: true, workerData: { id, control: ZRAM_CONTROL } });
    const timer = setTimeout(() => {
      w.unref();
      resolve(`zram${id}: reset did not return within ${timeoutMs} ms; the device is left (remove it later: ` +
        `echo 1 > /sys/block/zram${id}/reset; echo ${id} > ${ZRAM_CONTROL}/hot_remove)`);
    }, timeoutMs);
    w.once('message', (left: string | null) => { clearTimeout(timer); void w.terminate(); resolve(left); });
    w.once('error', (e) => { clearTimeout(timer); resolve(`zram${id}: ${e.message}`); });
  });
}
