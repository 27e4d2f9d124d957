// Looking at the global tracing state from a test without changing it: whether tracefs is
// mounted at /sys/kernel/tracing, and its settings read through a private mount of tracefs
// (the same kernel state; mounted and unmounted here, so nothing is left behind and nobody
// else's mount is used or removed).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TracingLock } from '../../src/record/ftrace-lock';
import { saveSettings, Settings, settingsDiffer, TRACEFS } from '../../src/record/ftrace-settings';
import { isMounted } from '../../src/record/mounts';

/** Runs fn with a private tracefs mount point; always unmounts and removes it. */
export function withTracefsView<T>(fn: (root: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zr-tracefs-view-'));
  try {
    execFileSync('mount', ['-t', 'tracefs', 'nodev', dir]);
    try { return fn(dir); } finally { execFileSync('umount', [dir]); }
  } finally {
    fs.rmdirSync(dir);
  }
}

export interface TracingSnapshot { readonly mounted: boolean; readonly settings: Settings }

/** The state under the tracing lock (no session half-way), or null when another holder keeps
 * the lock longer than `waitMs` (tracing is global: then there is nothing stable to compare). */
export function tracingSnapshot(waitMs = 3000): TracingSnapshot | null {
  const lock = new TracingLock();
  try { lock.acquire(waitMs); } catch { return null; }
  try {
    return { mounted: isMounted(TRACEFS, 'tracefs'), settings: withTracefsView((root) => saveSettings(root)) };
  } finally {
    lock.release();
  }
}

/** What differs between two snapshots, as the kernel can represent it ([] when the same). */
export function tracingDiffers(a: TracingSnapshot, b: TracingSnapshot): string[] {
  const out = a.mounted === b.mounted ? [] : [`${TRACEFS} mounted: ${a.mounted} -> ${b.mounted}`];
  return [...out, ...withTracefsView((root) => settingsDiffer(root, a.settings, b.settings))];
}
