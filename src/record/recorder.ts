// `zram-ref record`: one recording from device set-up to a renamed bundle. See traces/README.md
// for what a bundle holds, and live.ts / state-file.ts for what happens on signals and SIGKILL.
import * as fs from 'node:fs';
import { statValue } from '../device/stat-columns';
import { liveIdentity, nodeMismatch } from '../kernel/device';
import { cleanupStale, spawnGuardian } from './cleanup';
import { configureDevice, createDevice, observeConfig, readAttr } from './device';
import { Gate } from './gate';
import { LiveResources } from './live';
import { OpLog } from './oplog';
import { devName, RecordOptions, RecordResult, RecordUsageError } from './options';
import { PageStore } from './page-store';
import { deviceRefusals } from './safety';
import { monoNow, StatSample } from './sampler';
import { StateFile } from './state-file';
import { runBody } from './recorder-run';
import { writeBundle } from './recorder-bundle';
import { writeBundleLog } from './bundle-log';

export interface Session {
  readonly opts: RecordOptions;
  readonly dev: string;
  readonly live: LiveResources;
  readonly ops: OpLog;
  readonly pages: PageStore;
  readonly gate: Gate;
  readonly samples: StatSample[];
  readonly stop: { requested: boolean };
  readonly started: bigint;
  initialMmStat: string;
}

function newSession(opts: RecordOptions, dev: string, live: LiveResources): Session {
  return { opts, dev, live, ops: new OpLog(), pages: new PageStore(), gate: new Gate(), samples: [],
    stop: { requested: false }, started: monoNow(), initialMmStat: '' };
}

/** The kernel refusing a setting (EINVAL for an unknown algorithm, ...) is bad usage. */
function configure(dev: string, opts: RecordOptions, ops: OpLog): void {
  try { configureDevice(dev, opts, ops); } catch (e) { throw new RecordUsageError((e as Error).message); }
}

/** A regular file at /dev/zramN (left by a `dd of=/dev/zramN` after a device went) would take
 * the command's writes while the trace stays empty: refused. */
function checkNode(dev: string): void {
  const why = nodeMismatch(dev);
  if (why) throw new RecordUsageError(why);
}

/** Creates (--new) or checks (--device) the device; returns zramN. */
function setUpDevice(opts: RecordOptions, live: LiveResources, ops: OpLog): string {
  if (opts.newDevice) {
    const id = createDevice();
    live.createdDevice = id;
    live.state!.state.createdDevices.push(liveIdentity(id));
    live.state!.save();
    checkNode(`zram${id}`);
    configure(`zram${id}`, opts, ops);
    return `zram${id}`;
  }
  const dev = devName(opts.device!);
  checkNode(dev);
  const why = deviceRefusals({ dev, created: false, force: opts.force });
  if (why.length) throw new RecordUsageError(`refusing /dev/${dev}: ${why.join('; ')}`);
  const configured = opts.algorithm ?? opts.params ?? opts.disksize;
  if (configured !== undefined && readAttr(dev, 'disksize').trim() !== '0') {
    throw new RecordUsageError(`/dev/${dev} is initialised already: --algorithm/--disksize need an uninitialised device`);
  }
  const limit = statValue('mm_stat', readAttr(dev, 'mm_stat'), 'mem_limit');
  live.restoreMemLimit = { dev, bytes: String(limit ?? 0) };
  live.state!.state.memLimit = live.restoreMemLimit;
  live.state!.save();
  if (configured === undefined) observeConfig(dev, ops);
  configure(dev, opts, ops);
  return dev;
}

export async function record(opts: RecordOptions): Promise<RecordResult> {
  for (const line of cleanupStale()) opts.log?.(`cleaned up after a dead recorder: ${line}`);
  if (fs.existsSync(opts.output)) throw new RecordUsageError(`${opts.output} exists: choose a new bundle path`);
  const live = new LiveResources();
  live.state = new StateFile({ pid: process.pid, started: new Date().toISOString(), createdDevices: [], tracedDevice: null,
    tracefs: null, blktracePid: null, memLimit: null, tmpDir: null, guardianPid: null });
  live.state.state.guardianPid = spawnGuardian(process.pid);
  live.state.save();
  live.install();
  let keepBundle = false;
  try {
    const ops = new OpLog();
    const dev = setUpDevice(opts, live, ops);
    const s = newSession(opts, dev, live);
    s.ops.entries.push(...ops.entries);
    const body = await runBody(s);
    const r = writeBundle(s, body);
    keepBundle = true;
    if (r.ok && r.bundle && r.summary.contents !== 'none') await logBundle(r.bundle, opts);
    return r;
  } finally {
    const errors = live.teardown(keepBundle);
    live.uninstall();
    for (const e of errors) opts.log?.(`cleanup: ${e} (run \`zram-ref record --cleanup\`)`);
  }
}

/** The bundle's event log; a failure costs only a later ingest, so it is reported, not fatal. */
async function logBundle(dir: string, opts: RecordOptions): Promise<void> {
  try {
    await writeBundleLog(dir);
  } catch (e) {
    opts.log?.(`the bundle's event log was not written (${(e as Error).message}); replay will ingest the bundle`);
  }
}
