// `record --cleanup` for swap: a dead recorder's swap workload processes are killed, its device
// swapped off, its memory cgroup removed and its swap lock released, in that order (a device in
// use as swap cannot be reset, and the lock guards swapon until swap is off).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sameDevice } from '../kernel/device';
import { releaseDeadOwner } from '../kernel/dir-lock';
import { Memcg, MEMCG_ROOT, staleMemcgs } from '../kernel/memcg';
import { swapoffSync } from '../kernel/swap';
import type { RecorderState } from './state-file';

function cmdline(pid: number): string {
  try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { return ''; }
}

/** False when the state knows the identity of the recorder's device and zramN is another device
 * now (ours went, its id was reused: its swap is someone else's). A bare id (older state) cannot
 * tell; our swap on would have kept our device from going, so swapoff goes ahead as before. */
function stillOurs(s: RecorderState, dev: string): boolean {
  const who = s.createdDevices.find((d) => typeof d !== 'number' && `zram${d.id}` === dev);
  return who === undefined || typeof who === 'number' || sameDevice(who);
}

export function undoSwap(s: RecorderState, done: string[], errors: string[]): void {
  const u = s.swap;
  if (!u) return;
  let cg: Memcg | null = null;
  try { cg = Memcg.at(u.cgroup, MEMCG_ROOT); } catch (e) { errors.push((e as Error).message); }
  // workers outside the cgroup (not yet moved in) are checked by name before the kill
  for (const pid of u.workerPids) {
    if (!/swap_worker/.test(cmdline(pid))) continue;
    try { process.kill(pid, 'SIGKILL'); done.push(`killed swap worker ${pid}`); } catch { /* gone */ }
  }
  try {
    const killed = cg?.killTasks() ?? [];
    if (killed.length) done.push(`killed ${killed.length} processes in ${path.basename(u.cgroup)}`);
  } catch (e) { errors.push((e as Error).message); }
  try {
    const gone = `/dev/${u.device}: device already gone (the id may be another's): no swapoff`;
    if (!stillOurs(s, u.device)) done.push(gone);
    else if (swapoffSync(u.device)) done.push(`swapoff /dev/${u.device}`);
  } catch (e) { errors.push((e as Error).message); return; } // swap still on: keep cgroup, lock and state
  try {
    if (cg?.exists) { cg.remove(); done.push(`removed ${u.cgroup}`); }
  } catch (e) { errors.push((e as Error).message); }
  if (releaseDeadOwner(u.lockDir, s.pid)) done.push(`released ${u.lockDir}`);
}

/** Our memory cgroups whose owner is dead and has no state file left (its cleanup lost it). */
export function removeStaleMemcgs(): string[] {
  const out: string[] = [];
  for (const cg of staleMemcgs()) {
    try { cg.remove(); out.push(cg.dir); } catch { /* reported by the next run */ }
  }
  return out;
}
