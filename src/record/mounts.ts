// The pseudo file systems a capture may have to mount itself (tracefs at /sys/kernel/tracing,
// debugfs for blktrace(8)) on a machine that never mounted them. Whoever mounts one records it
// (session, state file) and unmounts exactly that mount point when done, never another's.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

export interface MountEntry { readonly source: string; readonly target: string; readonly type: string }

/** /proc/mounts as entries, mount points with their octal escapes (such as \040) decoded. */
export function mountTable(procRoot = '/proc'): MountEntry[] {
  return fs.readFileSync(`${procRoot}/mounts`, 'utf8').split('\n').filter((l) => l !== '').map((l) => l.split(' '))
    .map((f) => ({ source: f[0], type: f[2],
      target: f[1].replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8))) }));
}

/** Mount points of the given type. */
export function mountPoints(type: string): string[] {
  return mountTable().filter((m) => m.type === type).map((m) => m.target);
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

/** `umount TARGET`; throws with umount's message on failure. */
export function unmountTarget(target: string): void {
  try {
    execFileSync('umount', [target], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const msg = String((e as { stderr?: Buffer }).stderr ?? '').trim() || (e as Error).message;
    throw new Error(`cannot unmount ${target}: ${msg}`);
  }
}

/** Unmounts TARGET if it still is a mount of TYPE; throws with umount's message on failure. */
export function unmountFs(type: 'tracefs' | 'debugfs', target: string): void {
  if (isMounted(target, type)) unmountTarget(target);
}
