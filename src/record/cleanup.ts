// `zram-ref record --cleanup`: undoes what dead recorders left (see state-file.ts). Each step is
// attempted on its own and reported; pids are only killed after checking they are still the
// trace readers (cat on a trace_pipe) the state names, never by name.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FreezerGroup } from '../kernel/freezer';
import { deviceExists, writeAttr, zramId } from '../kernel/sysfs';
import { DeviceIdentity, removeDevice, sameDevice } from '../kernel/device';
import { TracingLock } from './ftrace-lock';
import { restoreSettings, TRACEFS, writeSetting } from './ftrace-settings';
import { unmountFs } from './mounts';
import { RecorderState, STATE_DIR, staleStates } from './state-file';
import { removeStaleShrinkerInstances } from './shrinker-trace';
import { removeStaleMemcgs, undoSwap } from './swap-cleanup';

function cmdline(pid: number): string {
  try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '); } catch { return ''; }
}

function killIf(pid: number, match: RegExp, done: string[]): void {
  if (!match.test(cmdline(pid))) return;
  try { process.kill(pid, 'SIGKILL'); done.push(`killed pid ${pid}`); } catch { /* gone */ }
}

const sleepSync = (ms: number): void => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); };

function undoTracing(s: RecorderState, done: string[], errors: string[]): void {
  const t = s.tracefs;
  const readers = t?.readerPids ?? [];
  for (const pid of readers) killIf(pid, /trace_pipe/, done);
  if (s.blktracePid) killIf(s.blktracePid, /^blktrace /, done);
  for (let i = 0; i < 100 && readers.some((p) => cmdline(p) !== ''); i++) sleepSync(20);
  const mounts = t?.mounts ?? [];
  if (!t?.saved && !s.tracedDevice && mounts.length === 0) return;
  const root = t?.root ?? TRACEFS;
  const lock = new TracingLock();
  lock.acquire(10_000); // takes over the dead recorder's stale lock
  try {
    if (t?.saved) {
      try {
        writeSetting(root, 'tracing_on', '0');
        writeSetting(root, 'current_tracer', 'nop');
      } catch (e) { errors.push(String(e)); }
    }
    const enable = s.tracedDevice ? `/sys/block/${s.tracedDevice}/trace/enable` : null;
    if (enable && fs.existsSync(enable)) {
      try { fs.writeFileSync(enable, '0\n'); done.push(`${s.tracedDevice}: trace disabled`); } catch (e) { errors.push(String(e)); }
    }
    if (t?.saved) {
      errors.push(...restoreSettings(root, t.saved));
      done.push('tracefs settings restored');
    }
    for (const m of [...mounts].reverse()) {
      try {
        unmountFs(m.type, m.target);
        done.push(`${m.target} unmounted`);
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
  } finally {
    lock.release();
  }
}

/** Removes a device the dead recorder created, only if it is still that device: its id may be
 * someone else's new device by now. A bare id (a state written before identities were kept) cannot
 * tell, so that device is left alone and named, never reset. */
function removeCreated(s: RecorderState, d: DeviceIdentity | number, done: string[], errors: string[]): void {
  if (typeof d === 'number') {
    if (deviceExists(d)) {
      done.push(`zram${d} left alone (old state without device identity: it may be another process's device now; ` +
        `if it is the recorder's: echo 1 > /sys/block/zram${d}/reset; echo ${d} > /sys/class/zram-control/hot_remove)`);
    }
    return;
  }
  if (!sameDevice(d)) return; // already gone; a device with its id now is someone else's
  // I/O co-processes of recorders older than the in-process driver held the device open
  for (const pid of s.helperPids ?? []) killIf(pid, /recio\.py/, done);
  const err = removeDevice(d);
  if (err) errors.push(err); else done.push(`zram${d.id} removed`);
}

export function cleanupState(s: RecorderState): { done: string[]; errors: string[] } {
  const done: string[] = [];
  const errors: string[] = [];
  if (s.freezer && fs.existsSync(s.freezer)) {
    // first: a frozen command keeps the device busy and cannot even die
    const e = FreezerGroup.existing(s.freezer).destroy();
    if (e.length) errors.push(...e); else done.push(`${s.freezer}: thawed, emptied, removed`);
  }
  undoSwap(s, done, errors); // first: swap holds the device
  undoTracing(s, done, errors);
  for (const d of s.createdDevices) removeCreated(s, d, done, errors);
  if (s.memLimit && deviceExists(zramId(s.memLimit.dev))) {
    try {
      writeAttr(zramId(s.memLimit.dev), 'mem_limit', s.memLimit.bytes);
      done.push(`${s.memLimit.dev}: mem_limit restored`);
    } catch (e) { errors.push(String(e)); }
  }
  if (s.tmpDir && fs.existsSync(s.tmpDir) && path.basename(s.tmpDir).includes('.recording-')) {
    fs.rmSync(s.tmpDir, { recursive: true, force: true });
    done.push(`removed ${s.tmpDir}`);
  }
  return { done, errors };
}

/** Cleans every stale state; returns one line per recorder. */
export function cleanupStale(dir = STATE_DIR): string[] {
  const lines: string[] = [];
  // first: a recorder's state file goes last, once everything it held is undone
  const instances = removeStaleShrinkerInstances();
  if (instances.length) lines.push(`removed shrinker trace instances of dead recorders: ${instances.join(', ')}`);
  for (const { file, state } of staleStates(dir)) {
    const r = cleanupState(state);
    lines.push(`recorder pid ${state.pid}: ${[...r.done, ...r.errors.map((e) => `ERROR ${e}`)].join('; ') || 'nothing left'}`);
    if (r.errors.length === 0) fs.rmSync(file, { force: true });
  }
  const memcgs = removeStaleMemcgs(); // after the states: their cleanup swaps off first
  if (memcgs.length) lines.push(`removed memory cgroups of dead recorders: ${memcgs.join(', ')}`);
  return lines;
}

/** A detached shell that waits for `pid` to die, then runs `zram-ref record --cleanup`. */
export function spawnGuardian(pid: number): number | null {
  const bin = [path.resolve(__dirname, '../../../bin/zram-ref'), path.resolve(__dirname, '../../bin/zram-ref')]
    .find((b) => fs.existsSync(b));
  if (!bin) return null;
  const script = `while kill -0 ${pid} 2>/dev/null; do sleep 0.2; done; exec node ${JSON.stringify(bin)} record --cleanup --quiet`;
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid ?? null;
}
