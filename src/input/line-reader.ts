// Lines of a regular file, streamed, each at most `maxBytes` long: one huge line (a file that
// is not what it claims, or a corrupt one) stops with its line number instead of being
// gathered into memory whole. Lines are split on bytes, so UTF-8 split across reads is safe.
import * as fs from 'node:fs';
import { BadInputError } from '../replay/bad-input';
import { openRegular } from './read-bounded';

const CHUNK = 64 * 1024;

export interface LineSource {
  readonly lines: AsyncGenerator<string>;
  close(): void;
}

export function readLinesBounded(file: string, maxBytes: number): LineSource {
  const fd = openRegular(file);
  let closed = false;
  const close = (): void => { if (!closed) { closed = true; fs.closeSync(fd); } };
  async function* lines(): AsyncGenerator<string> {
    const buf = Buffer.allocUnsafe(CHUNK);
    let parts: Buffer[] = [];
    let partLen = 0;
    let lineNo = 1;
    try {
      for (;;) {
        const n = await new Promise<number>((res, rej) =>
          fs.read(fd, buf, 0, CHUNK, null, (e, k) => (e ? rej(e) : res(k))));
        if (n === 0) break;
        let start = 0;
        for (let nl = buf.indexOf(10, start); nl >= 0 && nl < n; nl = buf.indexOf(10, start)) {
          if (partLen + nl - start > maxBytes) throw tooLong(file, lineNo, maxBytes);
          parts.push(Buffer.from(buf.subarray(start, nl)));
          yield Buffer.concat(parts).toString('utf8');
          parts = []; partLen = 0; lineNo++;
          start = nl + 1;
        }
        partLen += n - start;
        if (partLen > maxBytes) throw tooLong(file, lineNo, maxBytes);
        parts.push(Buffer.from(buf.subarray(start, n)));
      }
      if (partLen > 0) yield Buffer.concat(parts).toString('utf8');
    } finally {
      close();
    }
  }
  return { lines: lines(), close };
}

const tooLong = (file: string, line: number, max: number): BadInputError =>
  new BadInputError(`${file}:${line}: a line longer than ${max} bytes (not a file of this kind?)`);
