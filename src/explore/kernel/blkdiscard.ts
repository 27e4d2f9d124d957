// util-linux blkdiscard, if installed: Node cannot issue the BLKDISCARD ioctl a discard needs.
import * as fs from 'node:fs';
import * as path from 'node:path';

const executable = (p: string): boolean => {
  try { fs.accessSync(p, fs.constants.X_OK); return true; } catch { return false; }
};

export function findBlkdiscard(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(':').filter((d) => d !== ''), '/usr/sbin', '/sbin'];
  return dirs.map((d) => path.join(d, 'blkdiscard')).find(executable) ?? null;
}
