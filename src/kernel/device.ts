// The one module that creates, configures, resets and removes zram devices. A device made here
// is registered until removed, so that exit, SIGINT, SIGTERM and uncaught exceptions still
// reset and hot-remove it; a small `sh` guardian (not on the I/O path) removes it even after
// SIGKILL, when no handler of ours can run.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { ZramError } from '../errors';
import { errnoOf, hotAdd, hotRemove, writeAttr, ZRAM_CONTROL } from './sysfs';
export { DeviceIdentity, deviceGone, identityOf, nodeMismatch, sameDevice, sysfsDir } from './device-identity';
import { DeviceIdentity, identityOf, sameDevice, sysfsDir } from './device-identity';

export interface DeviceConfig {
  readonly algorithm?: string;
  readonly params?: string;
  readonly disksize?: string;
  readonly memLimit?: string;
}

/** What one configuration store did: for callers that log stores (the recorder). */
export interface StoreOutcome {
  readonly attr: string;
  readonly value: string;
  readonly t0: bigint;
  readonly t1: bigint;
  readonly errno: string | null;
}

/** Blocks the thread (usable from 'exit' handlers, where nothing async runs). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Writes the configuration in the order the kernel needs (algorithm and params before
 * disksize; mem_limit works either way), reporting each store to `onStore`; throws the first
 * failure as ZramError. */
export function configureDevice(id: number, cfg: DeviceConfig, onStore?: (s: StoreOutcome) => void): void {
  const steps: [string, string | undefined][] = [['comp_algorithm', cfg.algorithm], ['algorithm_params', cfg.params],
    ['mem_limit', cfg.memLimit], ['disksize', cfg.disksize]];
  for (const [attr, value] of steps) {
    if (value === undefined) continue;
    const t0 = process.hrtime.bigint();
    let failure: ZramError | null = null;
    try {
      writeAttr(id, attr, value);
    } catch (e) {
      if (!(e instanceof ZramError)) throw e;
      failure = e;
    }
    onStore?.({ attr, value, t0, t1: process.hrtime.bigint(), errno: failure?.errno ?? null });
    if (failure) throw failure;
  }
}

/** `echo 1 > reset` (EBUSY while an fd is open). */
export function resetDevice(id: number): void {
  writeAttr(id, 'reset', '1');
}

/**
 * reset + hot_remove of the device `who` names, retrying while it is busy (an fd of a dying process
 * can take a moment to close). Ids are reused within milliseconds on a shared machine, so the
 * device must still be the one we made (same sysfs inode): the reset goes through an fd opened on
 * its own attribute and checked after opening (a node removed meanwhile refuses the write with
 * ENODEV), and hot_remove only follows a fresh check. Someone else's device under our old id is
 * left alone and reported as gone. `beforeRemove` runs between the two. Returns null when removed
 * (or already gone), else what failed.
 */
export function tryResetAndRemove(who: DeviceIdentity, timeoutMs = 5000,
  beforeRemove: () => void = () => {}): string | null {
  const { id } = who;
  const deadline = Date.now() + timeoutMs;
  let wasReset = false;
  for (;;) {
    try {
      if (!wasReset && !resetIfSame(who)) return null;
      wasReset = true;
      beforeRemove();
      if (!sameDevice(who)) return null;
      hotRemove(id);
      return null;
    } catch (e) {
      const retry = e instanceof ZramError && e.errno === 'EBUSY' && Date.now() <= deadline;
      if (!retry) return `zram${id}: ${(e as Error).message}`;
      sleepSync(20);
    }
  }
}

/** Resets the device if it is still `who`; false if it is gone (or someone else's now). */
function resetIfSame(who: DeviceIdentity): boolean {
  let fd: number;
  try { fd = fs.openSync(`${sysfsDir(who.id)}/reset`, fs.constants.O_WRONLY); } catch { return false; }
  try {
    if (!sameDevice(who)) return false;
    try { fs.writeSync(fd, '1\n'); } catch (e) {
      const code = errnoOf(e);
      if (code === 'ENODEV' || code === 'ENOENT') return false; // ours went after the open
      throw new ZramError(code, `echo 1 > ${sysfsDir(who.id)}/reset`);
    }
    return true;
  } finally {
    fs.closeSync(fd);
  }
}

/** tryResetAndRemove for cleanup paths: reports a failure on stderr; false if not removed. */
export function resetAndRemoveSync(who: DeviceIdentity, timeoutMs = 5000): boolean {
  const err = tryResetAndRemove(who, timeoutMs);
  if (err) process.stderr.write(`${err}: cleanup failed\n`);
  return err === null;
}

interface Live {
  readonly identity: DeviceIdentity;
  /** Closes the device's fds (synchronously) so reset is not refused with EBUSY. */
  closeFds(): void;
  guardian: ChildProcess | null;
}

const live = new Map<number, Live>();
let installed = false;

/** hot_add a device, registered for cleanup until removeDevice(); `closeFds` is called first in
 * an emergency teardown. */
export function createDevice(closeFds: () => void = () => {}): number {
  installHandlers();
  const id = hotAdd();
  const identity = identityOf(id);
  if (!identity) throw new Error(`zram${id}: ${sysfsDir(id)} vanished right after hot_add`);
  live.set(id, { identity, closeFds, guardian: spawnGuardian(identity) });
  return id;
}

/** The identity of a device made here (to keep wherever its id is kept for a later removal). */
export function liveIdentity(id: number): DeviceIdentity {
  const d = live.get(id);
  if (!d) throw new Error(`zram${id} was not created by this process`);
  return d.identity;
}

/** Replaces the emergency fd closer of a registered device (set once the owner exists). */
export function setFdCloser(id: number, closeFds: () => void): void {
  const d = live.get(id);
  if (d) d.closeFds = closeFds;
}

/** Resets and hot-removes a device made by createDevice (an id), or the device an identity names
 * (e.g. from a dead recorder's state); returns what failed, or null. A bare id this process did not
 * create is refused: without an identity it may be someone else's device by now. */
export function removeDevice(idOrIdentity: number | DeviceIdentity, timeoutMs = 5000): string | null {
  const id = typeof idOrIdentity === 'number' ? idOrIdentity : idOrIdentity.id;
  const d = live.get(id);
  const who = typeof idOrIdentity === 'number' ? d?.identity : idOrIdentity;
  if (!who) return `zram${id}: not created by this process and no identity given: left alone`;
  // The guardian stays while the device may still hold data (it retries after we are gone), and
  // goes before hot_remove: killed after that, we could leave it to reset a device someone else
  // just got with the same id. Dying between the two leaks an empty device, the lesser failure.
  const stopGuardian = (): void => {
    if (d?.guardian && d.guardian.exitCode === null) d.guardian.kill('SIGKILL');
  };
  const mine = d !== undefined && d.identity.ino === who.ino;
  const err = tryResetAndRemove(who, timeoutMs, mine ? stopGuardian : () => {});
  if (err === null && mine) live.delete(id);
  return err;
}

export function liveDeviceIds(): number[] {
  return [...live.keys()];
}

/** Tears every registered device down now (used by the handlers; safe to call twice). */
export function cleanupAllSync(): void {
  for (const d of live.values()) {
    try { d.closeFds(); } catch { /* already closed */ }
  }
  for (const id of [...live.keys()]) {
    const err = removeDevice(id);
    live.delete(id); // once: a failure is left to the guardian, which retries after we exit
    if (err) process.stderr.write(`${err}: cleanup failed\n`);
  }
}

/**
 * A detached `sh` that waits for its stdin (a pipe from us) to reach EOF, which happens when
 * this process ends however it ends, then resets and removes the device if it is still there.
 * Killed by removeDevice on the normal path. Retries while our dying fds still hold the device.
 */
function spawnGuardian(who: DeviceIdentity): ChildProcess | null {
  const { id, ino } = who;
  const sys = sysfsDir(id);
  // Same identity check as tryResetAndRemove: the reset attribute is opened first (fd 3, bound to
  // our node), the inode checked after; hot_remove only after a fresh check.
  const same = `[ "$(stat -c %i ${sys} 2>/dev/null)" = ${ino} ]`;
  const script = `read _; for i in $(seq 100); do ${same} || exit 0; ` +
    `{ exec 3>${sys}/reset; } 2>/dev/null || exit 0; ${same} || exit 0; ` +
    `echo 1 >&3 2>/dev/null && exec 3>&- && ${same} && ` +
    `echo ${id} > ${ZRAM_CONTROL}/hot_remove 2>/dev/null && exit 0; ` +
    'exec 3>&-; sleep 0.05; done';
  try {
    const child = spawn('sh', ['-c', script], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', () => undefined);
    child.unref();
    (child.stdin as unknown as { unref?(): void } | null)?.unref?.();
    return child;
  } catch {
    return null;
  }
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupAllSync);
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(sig, () => {
      cleanupAllSync();
      process.exit(code);
    });
  }
  // Under jest a failing test is not an uncaught exception, and jest owns that event.
  if (process.env.JEST_WORKER_ID === undefined) {
    process.on('uncaughtException', (e) => {
      process.stderr.write(`${e.stack ?? e}\n`);
      cleanupAllSync();
      process.exit(1);
    });
  }
}
