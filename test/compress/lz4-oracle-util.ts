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

/** Root and zram-control present: the kernel oracle can run. */
export function kernelSkipReason(): string | null {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root';
  if (!fs.existsSync('/sys/class/zram-control/hot_add')) return 'no /sys/class/zram-control';
  return null;
}
