// Reading a file the user named, safely: the file is opened without blocking (a FIFO with no
// writer must not hang us) and checked to be a regular file after opening (so a symlink to
// /dev/zero is refused as the character device it is), then read with a size limit.
import * as fs from 'node:fs';
import type * as Zlib from 'node:zlib';
import { BadInputError } from '../replay/bad-input';

/** What a non-regular file is, for messages. */
export function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return st.isFile() ? 'a regular file' : 'not a regular file';
}

const errText = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (e as Error).message;
};

/** An fd of a regular file, or BadInputError naming the file and what it is instead. */
export function openRegular(file: string): number {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
  } catch (e) {
    throw new BadInputError(`${file}: cannot open (${errText(e)})`);
  }
  const st = fs.fstatSync(fd);
  if (!st.isFile()) {
    fs.closeSync(fd);
    throw new BadInputError(`${file}: ${kindOf(st)}, expected a regular file`);
  }
  return fd;
}

/** Throws unless `file` is a regular file (symlinks followed); never blocks on a FIFO. */
export function checkRegular(file: string): void {
  fs.closeSync(openRegular(file));
}

/** The whole file, refused if it is not regular or larger than `limit` bytes. */
export function readRegular(file: string, limit: number): Buffer {
  const fd = openRegular(file);
  try {
    const size = fs.fstatSync(fd).size;
    if (size > limit) throw new BadInputError(`${file}: ${size} bytes, more than the ${limit} expected at most`);
    const buf = Buffer.allocUnsafe(size);
    let got = 0;
    for (let n = 1; n > 0 && got < size; got += n) n = fs.readSync(fd, buf, got, size - got, got);
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}

/** gunzip that stops at `maxBytes` of output (a gzip bomb ends here, not in an abort). */
export function gunzipBounded(gz: Buffer, maxBytes: number, what: string): Buffer {
  const zlib = require('node:zlib') as typeof Zlib; // here: only a bundle's gzipped files need it (1.6 ms to load)
  try {
    return zlib.gunzipSync(gz, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new BadInputError(`${what}: decompresses to more than the ${maxBytes} bytes its listing declares`);
    }
    throw new BadInputError(`${what}: not valid gzip (${(e as Error).message})`);
  }
}
