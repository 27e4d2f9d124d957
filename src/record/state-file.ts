// What a running recorder has changed, kept in /run/zram-ref/record/PID.json, so that after a
// SIGKILL (no handler runs) `zram-ref record --cleanup` — started automatically by a guardian
// process that waits for the recorder to die — can undo it: stop the trace readers, restore
// tracefs, unmount what the capture mounted, disable the device's trace, turn swap off and remove the
// memory cgroup, end the command's freezer cgroup (thaw, kill what is left in it, rmdir), remove
// devices the recorder created, drop its temp dir.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeviceIdentity } from '../kernel/device';
import type { CaptureUndo } from './capture';
import type { SwapUndo } from './swap-session';

export const STATE_DIR = '/run/zram-ref/record';

export interface RecorderState {
  pid: number;
  started: string;
  // from hot_add: reset + hot_remove on cleanup; bare ids are from states written before identities
  createdDevices: (DeviceIdentity | number)[];
  tracedDevice: string | null;  // zramN whose trace/enable we set
  tracefs: CaptureUndo | null;  // settings, readers, and mounts (tracefs, debugfs) we made
  blktracePid: number | null;
  helperPids?: number[];        // I/O co-processes of older recorders (threads now die with us)
  memLimit: { dev: string; bytes: string } | null; // to write back on a device we did not create
  tmpDir: string | null;
  guardianPid: number | null;
  freezer?: string | null;      // the command's freezer cgroup dir: thaw, kill its tasks, rmdir
  swap?: SwapUndo | null;       // swap workloads: processes, swapon, memory cgroup, swap lock
}

export class StateFile {
  readonly file: string;
  constructor(readonly state: RecorderState, dir = STATE_DIR) {
    fs.mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, `${state.pid}.json`);
  }

  /** Written atomically (temp + rename): a cleanup never reads half a state. */
  save(): void {
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state, null, 1));
    fs.renameSync(tmp, this.file);
  }

  remove(): void {
    fs.rmSync(this.file, { force: true });
  }
}

export function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** States of recorders that are gone (their PID no longer runs). */
export function staleStates(dir = STATE_DIR): { file: string; state: RecorderState }[] {
  let names: string[];
  try { names = fs.readdirSync(dir); } catch { return []; }
  const out: { file: string; state: RecorderState }[] = [];
  for (const n of names.filter((x) => /^\d+\.json$/.test(x))) {
    const file = path.join(dir, n);
    try {
      const state = JSON.parse(fs.readFileSync(file, 'utf8')) as RecorderState;
      if (!alive(state.pid)) out.push({ file, state });
    } catch { /* being written, or damaged: a later run sees it */ }
  }
  return out;
}
