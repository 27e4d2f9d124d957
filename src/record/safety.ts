// Refusals before recording on a device: a device in use by anyone else must never be traced
// and written to. Mounted (/proc/mounts), swap (/proc/swaps), held by another block device
// (holders/), open by another process (/proc/*/fd), zram0 or not created by us without --force.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mountTable } from './mounts';

export interface SafetyInput {
  readonly dev: string;          // zramN
  readonly created: boolean;     // made by this command with hot_add
  readonly force: boolean;
  readonly selfPids?: ReadonlySet<number>; // our own processes (helpers), not "others"
  readonly procRoot?: string;    // for tests
  readonly sysRoot?: string;
}

function swapDevices(procRoot: string): string[] {
  return fs.readFileSync(path.join(procRoot, 'swaps'), 'utf8').split('\n').slice(1).map((l) => l.split(/\s+/)[0]);
}

/** Pids (other than ours) with an fd on /dev/DEV or one of its partitions. */
export function openers(dev: string, procRoot = '/proc', self: ReadonlySet<number> = new Set()): number[] {
  const found: number[] = [];
  const re = new RegExp(`^/dev/${dev}(p\\d+)?$`);
  for (const ent of fs.readdirSync(procRoot)) {
    const pid = Number(ent);
    if (!Number.isInteger(pid) || pid === process.pid || self.has(pid)) continue;
    let fds: string[];
    try { fds = fs.readdirSync(path.join(procRoot, ent, 'fd')); } catch { continue; }
    for (const fd of fds) {
      let target = '';
      try { target = fs.readlinkSync(path.join(procRoot, ent, 'fd', fd)); } catch { continue; }
      if (re.test(target)) { found.push(pid); break; }
    }
  }
  return found;
}

/** Where /dev/DEV or one of its partitions is mounted. */
export function deviceMountPoints(dev: string, procRoot = '/proc'): string[] {
  const partOf = new RegExp(`^/dev/${dev}(p\\d+)?$`);
  return mountTable(procRoot).filter((m) => partOf.test(m.source)).map((m) => m.target);
}

/** What keeps the device in use: mounts, swap, holders, and (unless `openersToo` is false) open fds. */
export function busyReasons(i: SafetyInput, openersToo = true): string[] {
  const procRoot = i.procRoot ?? '/proc';
  const sysBlock = path.join(i.sysRoot ?? '/sys', 'block', i.dev);
  const why: string[] = [];
  const mounts = deviceMountPoints(i.dev, procRoot);
  if (mounts.length) why.push(`/dev/${i.dev} is mounted (at ${mounts.join(', ')})`);
  const partOf = new RegExp(`^/dev/${i.dev}(p\\d+)?$`);
  if (swapDevices(procRoot).some((d) => partOf.test(d))) why.push(`/dev/${i.dev} is used as swap`);
  try {
    const holders = fs.readdirSync(path.join(sysBlock, 'holders'));
    if (holders.length) why.push(`/dev/${i.dev} is held by ${holders.join(', ')}`);
  } catch { /* no holders dir: nothing holds it */ }
  if (!openersToo) return why;
  const pids = openers(i.dev, procRoot, i.selfPids);
  if (pids.length) why.push(`/dev/${i.dev} is open by pid ${pids.join(', ')}`);
  return why;
}

/** Every reason to refuse the device; empty means it may be recorded. */
export function deviceRefusals(i: SafetyInput): string[] {
  const sysBlock = path.join(i.sysRoot ?? '/sys', 'block', i.dev);
  if (!fs.existsSync(sysBlock)) return [`/dev/${i.dev} does not exist (no ${sysBlock})`];
  const why: string[] = [];
  if (!i.created && !i.force) {
    why.push(i.dev === 'zram0' ? 'zram0 is the system\'s device (often swap): refused without --force'
      : `/dev/${i.dev} was not created by this command: refused without --force (or use --new)`);
  }
  return [...why, ...busyReasons(i)];
}
