// Synchronous sysfs access for private zram devices: hot_add/hot_remove and attribute
// reads/writes, with write errors turned into ZramError carrying the kernel's errno name.
import * as fs from 'node:fs';
import { Errno, ZramError } from '../../src/errors';

export const ZRAM_CONTROL = '/sys/class/zram-control';

const ATTR_NAME = /^[a-z_]+$/;

export function attrPath(id: number, attr: string): string {
  // Only plain attribute names: never let a caller reach outside /sys/block/zramN.
  if (!ATTR_NAME.test(attr)) throw new ZramError('ENOENT', `not a zram attribute: ${attr}`);
  return `/sys/block/zram${id}/${attr}`;
}

/** The errno name of a Node fs error; the errno set of ZramError is narrower than the kernel's. */
export function errnoOf(e: unknown): Errno {
  const code = (e as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) return code as Errno;
  throw e;
}

/** `echo value > path`: one write(2) of value plus the newline echo adds. */
export function writeSysfs(path: string, value: string): void {
  let fd: number;
  try {
    fd = fs.openSync(path, 'w');
  } catch (e) {
    throw new ZramError(errnoOf(e), `open ${path}`);
  }
  try {
    fs.writeSync(fd, value.endsWith('\n') ? value : value + '\n');
  } catch (e) {
    throw new ZramError(errnoOf(e), `echo ${JSON.stringify(value)} > ${path}`);
  } finally {
    fs.closeSync(fd);
  }
}

export function readSysfs(path: string): string {
  try {
    return fs.readFileSync(path, 'latin1');
  } catch (e) {
    throw new ZramError(errnoOf(e), `cat ${path}`);
  }
}

export function hotAdd(): number {
  const id = Number.parseInt(readSysfs(`${ZRAM_CONTROL}/hot_add`), 10);
  if (!Number.isInteger(id) || id < 0) throw new Error('hot_add returned no device id');
  return id;
}

/** Blocks the thread (usable from process 'exit' handlers, where nothing async runs). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * reset + hot_remove, retrying while the device is still busy (an fd of a dying
 * co-process can take a moment to close). Returns false if it could not be removed.
 */
export function resetAndRemoveSync(id: number, timeoutMs = 5000): boolean {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeSysfs(attrPath(id, 'reset'), '1');
      writeSysfs(`${ZRAM_CONTROL}/hot_remove`, String(id));
      return true;
    } catch (e) {
      if (!(e instanceof ZramError) || e.errno !== 'EBUSY' || Date.now() > deadline) {
        process.stderr.write(`zram${id}: cleanup failed: ${(e as Error).message}\n`);
        return false;
      }
      sleepSync(20);
    }
  }
}
