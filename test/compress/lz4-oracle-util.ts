// Helpers for the lz4 oracle tests: temp files of pages and python3 helper runs.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lz4-test-'));
}

export function writePages(file: string, pages: Uint8Array[]): void {
  fs.writeFileSync(file, Buffer.concat(pages.map((p) => Buffer.from(p.buffer, p.byteOffset, p.length))));
}

/** Runs a python3 helper next to this file; returns stdout lines, or null with a reason. */
export function runPython(script: string, args: string[], timeoutMs = 120000): { lines: string[] } | { skip: string } {
  const r = spawnSync('python3', [path.join(__dirname, script), ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  if (r.error) return { skip: `python3 not runnable: ${r.error.message}` };
  if (r.status === 3) return { skip: r.stderr.trim() };
  if (r.status !== 0) throw new Error(`${script} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return { lines: r.stdout.trim().split('\n') };
}

/** `n` evenly spaced whole pages of a real file (empty if it is missing), e.g. an ELF binary. */
export function filePagesOf(file: string, n: number): Uint8Array[] {
  if (!fs.existsSync(file)) return [];
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    const stride = Math.max(4096, Math.floor(size / n / 4096) * 4096);
    const out: Uint8Array[] = [];
    for (let off = 0; off + 4096 <= size && out.length < n; off += stride) {
      const p = new Uint8Array(4096);
      fs.readSync(fd, p, 0, 4096, off);
      out.push(p);
    }
    return out;
  } finally {
    fs.closeSync(fd);
  }
}
