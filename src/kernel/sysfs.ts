// The one place that reads and writes zram's sysfs files: attributes of /sys/block/zramN and
// the zram-control hot_add/hot_remove files. Write errors become ZramError with the kernel's
// errno name, exactly as `echo value > file` would see them.
import * as fs from 'node:fs';
import { Errno, ZramError } from '../errors';

export const ZRAM_CONTROL = '/sys/class/zram-control';

const ATTR_NAME = /^[a-z_]+$/;

export function attrPath(id: number, attr: string): string {
  // Only plain attribute names: never let a caller reach outside /sys/block/zramN.
  if (!ATTR_NAME.test(attr)) throw new ZramError('ENOENT', `not a zram attribute: ${attr}`);
  return `/sys/block/zram${id}/${attr}`;
}

/** The id N of a "zramN" name, or of "/dev/zramN"; throws on anything else. */
export function zramId(name: string): number {
  const m = /^(?:\/dev\/)?zram(\d+)$/.exec(name);
  if (!m) throw new Error(`not a zram device name: ${name}`);
  return Number(m[1]);
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

/** `echo value > /sys/block/zramN/attr`. */
export function writeAttr(id: number, attr: string, value: string): void {
  writeSysfs(attrPath(id, attr), value);
}

/** `cat /sys/block/zramN/attr`: the kernel's text, newline included. */
export function readAttr(id: number, attr: string): string {
  return readSysfs(attrPath(id, attr));
}

export function deviceExists(id: number): boolean {
  return fs.existsSync(`/sys/block/zram${id}`);
}

/** `cat /sys/class/zram-control/hot_add`: a new uninitialised device; returns its id. */
export function hotAdd(): number {
  const id = Number.parseInt(readSysfs(`${ZRAM_CONTROL}/hot_add`), 10);
  if (!Number.isInteger(id) || id < 0) throw new Error('hot_add returned no device id');
  return id;
}

/** `echo N > /sys/class/zram-control/hot_remove` (EBUSY while open or initialised). */
export function hotRemove(id: number): void {
  writeSysfs(`${ZRAM_CONTROL}/hot_remove`, String(id));
}
