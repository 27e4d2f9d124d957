// Everything a recording holds that a SIGINT/SIGTERM/SIGHUP must undo, torn down synchronously
// and in order: workload threads (their fds), the command (thawed, killed, its freezer group
// removed) and the read-back thread, swap (processes, swapoff, cgroup), the capture (readers, tracefs), the
// temp dir, the created device, the state file and its guardian.
import type { ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import type { Submitter } from '../kernel/submitter';
import { writeAttr, zramId } from '../kernel/sysfs';
import type { FreezerGroup } from '../kernel/freezer';
import type { BundleDir } from './bundle-write';
import type { Capture } from './capture';
import { removeDevice } from './device';
import type { Readback } from './readback';
import type { ShrinkerTrace } from './shrinker-trace';
import type { StateFile } from './state-file';
import type { SwapSession } from './swap-session';
import type { SwapLock } from '../kernel/swap-lock';

/** A closed terminal (SIGHUP) stops a recording the way SIGTERM does. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export class LiveResources {
  helpers: Submitter[] = [];
  command: ChildProcess | null = null;
  freezer: FreezerGroup | null = null;
  readback: Readback | null = null;
  capture: Capture | null = null;
  shrinkerTrace: ShrinkerTrace | null = null;
  bundle: BundleDir | null = null;
  /** Swap on the device, its cgroup and processes: undone before the device can go. */
  swap: SwapSession | null = null;
  /** Taken before recording when the recording will swap; released after swap is off. */
  swapLock: SwapLock | null = null;
  createdDevice: number | null = null;
  state: StateFile | null = null;
  /** A device we did not create gets its mem_limit back (the only setting a recording changes
   * that can be restored without destroying the recorded data). */
  restoreMemLimit: { dev: string; bytes: string } | null = null;
  private readonly handler = (sig: NodeJS.Signals): void => this.onSignal(sig);

  install(): void {
    for (const sig of SIGNALS) process.on(sig, this.handler);
  }

  uninstall(): void {
    for (const sig of SIGNALS) process.removeListener(sig, this.handler);
  }

  killChildren(): string[] {
    for (const h of this.helpers) h.kill();
    try { this.freezer?.thaw(); } catch { /* destroyed below, which reports */ } // frozen tasks ignore SIGKILL
    if (this.command?.pid && this.command.exitCode === null) {
      try { process.kill(-this.command.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    this.readback?.kill();
    this.readback = null;
    const errors = this.freezer?.destroy() ?? [];
    if (errors.length === 0) this.freezer = null;
    return errors;
  }

  /** Synchronous teardown; returns what failed. */
  teardown(keepBundle: boolean): string[] {
    const errors: string[] = this.killChildren();
    if (this.swap) {
      const e = this.swap.teardownSync();
      errors.push(...e);
      if (e.length === 0) this.swap = null;
    }
    if (!this.swap) this.swapLock?.release(); // with swap still on, cleanup releases it after swapoff
    try { this.shrinkerTrace?.abort(); } catch (e) { errors.push(`shrinker trace instance: ${(e as Error).message}`); }
    errors.push(...(this.capture?.cleanup() ?? [])); // after the instance: it may unmount tracefs
    if (!keepBundle) this.bundle?.abandon();
    if (this.restoreMemLimit) {
      const { dev, bytes } = this.restoreMemLimit;
      try { writeAttr(zramId(dev), 'mem_limit', bytes); } catch (e) { errors.push(String(e)); }
      this.restoreMemLimit = null;
    }
    if (this.createdDevice !== null) {
      const e = removeDevice(this.createdDevice);
      if (e) errors.push(e);
      else this.createdDevice = null;
    }
    if (errors.length === 0) this.state?.remove();
    const g = this.state?.state.guardianPid;
    if (g && errors.length === 0) { try { process.kill(g, 'SIGKILL'); } catch { /* gone */ } }
    return errors;
  }

  private onSignal(sig: NodeJS.Signals): void {
    process.stderr.write(`\nzram-ref record: ${sig}: stopping, restoring tracing, removing the device\n`);
    const errors = this.teardown(false);
    for (const e of errors) process.stderr.write(`zram-ref record: cleanup: ${e}\n`);
    process.stderr.write(errors.length ? 'zram-ref record: run `zram-ref record --cleanup`\n' : 'zram-ref record: everything restored, no bundle written\n');
    process.exit(128 + os.constants.signals[sig]);
  }
}
