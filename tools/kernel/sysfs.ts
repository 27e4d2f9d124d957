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
 * co-process can take a moment to close). Returns null when removed (or already gone),
 * else what failed.
 */
export function tryResetAndRemove(id: number, timeoutMs = 5000): string | null {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (!fs.existsSync(`/sys/block/zram${id}`)) return null;
      writeSysfs(attrPath(id, 'reset'), '1');
      writeSysfs(`${ZRAM_CONTROL}/hot_remove`, String(id));
      return null;
    } catch (e) {
      if (!(e instanceof ZramError) || e.errno !== 'EBUSY' || Date.now() > deadline) return `zram${id}: ${(e as Error).message}`;
      sleepSync(20);
    }
  }
}

/** tryResetAndRemove for cleanup paths: reports a failure on stderr; false if not removed. */
export function resetAndRemoveSync(id: number, timeoutMs = 5000): boolean {
  const err = tryResetAndRemove(id, timeoutMs);
  if (err) process.stderr.write(`${err}: cleanup failed\n`);
  return err === null;
}
