// Digests of input files ("sha256:<hex>"), read in 1 MiB chunks so memory stays flat. One file:
// its bytes. Several (a bundle, a trace's per-CPU files): each file's base name and bytes.
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

function hashFile(h: Hash, file: string, buf: Buffer): void {
  const fd = fs.openSync(file, 'r');
  try {
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
}

export function fileDigest(file: string): string {
  const h = createHash('sha256');
  hashFile(h, file, Buffer.allocUnsafe(1 << 20));
  return `sha256:${h.digest('hex')}`;
}

export function digestFiles(files: readonly string[]): string {
  const h = createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  for (const f of files) {
    h.update(path.basename(f) + '\0');
    hashFile(h, f, buf);
  }
  return `sha256:${h.digest('hex')}`;
}
