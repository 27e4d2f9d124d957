// The reference binary behind the zstd tier's byte check, built on demand: libzstd 1.5.7's
// source comes from the zstd-napi npm tarball (deps/zstd/lib), our kernel_call.c is compiled
// against it with cc, and the result is cached (ZSTD_KERNEL_CALL overrides). Returns the path,
// or why it cannot be had here (no cc, no registry).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const PACKAGE = 'zstd-napi@0.0.13'; // carries libzstd 1.5.7, the version in Linux 6.18's lib/zstd

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'zram-ref', 'zstd-kernel-call-1.5.7');
}

export function zstdKernelCall(): { bin: string } | { why: string } {
  if (process.env.ZSTD_KERNEL_CALL) return { bin: process.env.ZSTD_KERNEL_CALL };
  const dir = cacheDir();
  const bin = path.join(dir, 'kernel_call');
  if (fs.existsSync(bin)) return { bin };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-zstd-'));
  try {
    const tgz = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    execFileSync('tar', ['xzf', tgz], { cwd: work });
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${bin}.${process.pid}`;
    execFileSync('sh', [path.join(__dirname, 'build.sh'), path.join(work, 'package/deps/zstd/lib'), tmp], { stdio: 'ignore' });
    fs.renameSync(tmp, bin);
    return { bin };
  } catch (e) {
    return { why: `cannot build the zstd reference (${PACKAGE} + cc): ${(e as Error).message.split('\n')[0]}` };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
