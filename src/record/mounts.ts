// The pseudo file systems a capture may have to mount itself (tracefs at /sys/kernel/tracing,
// debugfs for blktrace(8)) on a machine that never mounted them. Whoever mounts one records it
// (session, state file) and unmounts exactly that mount point when done, never another's.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

/** Mount points of the given type in /proc/mounts (octal escapes such as \040 decoded). */
export function mountPoints(type: string): string[] {
  const text = fs.readFileSync('/proc/mounts', 'utf8');
  return text.split('\n').map((l) => l.split(' ')).filter((f) => f[2] === type)
    .map((f) => f[1].replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8))));
}

export function isMounted(target: string, type: string): boolean {
  return mountPoints(type).includes(target);
}

/** `mount -t TYPE none TARGET`; throws with mount's own message on failure. */
export function mountFs(type: 'tracefs' | 'debugfs', target: string): void {
  try {
    execFileSync('mount', ['-t', type, 'nodev', target], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const msg = String((e as { stderr?: Buffer }).stderr ?? '').trim() || (e as Error).message;
    throw new Error(`cannot mount ${type} at ${target}: ${msg}`);
  }
}

/** Unmounts TARGET if it still is a mount of TYPE; throws with umount's message on failure. */
export function unmountFs(type: 'tracefs' | 'debugfs', target: string): void {
  if (!isMounted(target, type)) return;
  try {
    execFileSync('umount', [target], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const msg = String((e as { stderr?: Buffer }).stderr ?? '').trim() || (e as Error).message;
    throw new Error(`cannot unmount ${target}: ${msg}`);
  }
}
