// Every private device is registered here until disposed, so that process exit, SIGINT,
// SIGTERM, SIGHUP and uncaught exceptions still reset and hot-remove it. The handlers run
// synchronously: the co-process is killed first (closing its fds), then reset + hot_remove.
import { resetAndRemoveSync } from './sysfs';

export interface Disposable {
  readonly id: number;
  /** Synchronous emergency teardown: kill the co-process (fds close with it). */
  killIo(): void;
}

const live = new Map<number, Disposable>();
let installed = false;

export function registerDevice(d: Disposable): void {
  installHandlers();
  live.set(d.id, d);
}

export function unregisterDevice(id: number): void {
  live.delete(id);
}

export function liveDeviceIds(): number[] {
  return [...live.keys()];
}

/** Tears every registered device down now (used by the handlers; safe to call twice). */
export function cleanupAllSync(): void {
  for (const d of live.values()) d.killIo();
  for (const id of [...live.keys()]) {
    live.delete(id);
    resetAndRemoveSync(id);
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
