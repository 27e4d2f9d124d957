// Status rows of the real zram devices, read from /sys/block/zramN (read only: nothing is ever
// written to a device here), like zramctl: only initialised devices (disksize > 0) unless named;
// MOUNTPOINT from the mount table or "[SWAP]" from /proc/swaps.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StatusRow } from './columns';

const SYS_BLOCK = '/sys/block';

const read = (p: string): string | null => { try { return fs.readFileSync(p, 'utf8'); } catch { return null; } };

/** The [current] name in comp_algorithm. */
export const currentAlgorithm = (text: string): string => /\[([^\]]+)\]/.exec(text)?.[1] ?? '';

function mountpointOf(devNode: string, majMin: string): string {
  const swaps = read('/proc/swaps') ?? '';
  if (swaps.split('\n').slice(1).some((l) => l.split(/\s+/)[0] === devNode)) return '[SWAP]';
  for (const l of (read('/proc/self/mountinfo') ?? '').split('\n')) {
    const f = l.split(' ');
    if (f[2] === majMin) return f[4].replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  }
  return '';
}

/** One device's row, or null when it does not exist. */
export function deviceRow(name: string): StatusRow | null {
  const dir = path.join(SYS_BLOCK, name);
  const disksize = read(path.join(dir, 'disksize'));
  if (disksize === null) return null;
  const mm = (read(path.join(dir, 'mm_stat')) ?? '').trim().split(/\s+/).map(Number);
  const mmAt = (i: number): number => (Number.isFinite(mm[i]) ? mm[i] : 0);
  const streams = read(path.join(dir, 'max_comp_streams'));
  const node = `/dev/${name}`;
  return {
    name: node, algorithm: currentAlgorithm(read(path.join(dir, 'comp_algorithm')) ?? ''),
    disksize: Number(disksize.trim()),
    data: mmAt(0), compr: mmAt(1), total: mmAt(2), streams: streams === null ? null : Number(streams.trim()),
    zeroPages: mmAt(5), memLimit: mmAt(3), memUsed: mmAt(4), migrated: mmAt(6),
    mountpoint: mountpointOf(node, (read(path.join(dir, 'dev')) ?? '').trim()),
  };
}

/** Every initialised zram device, by number. */
export function allDeviceRows(): StatusRow[] {
  let names: string[] = [];
  try { names = fs.readdirSync(SYS_BLOCK).filter((n) => /^zram\d+$/.test(n)); } catch { /* no sysfs */ }
  names.sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  return names.map(deviceRow).filter((r): r is StatusRow => r !== null && r.disksize > 0);
}

/** A device named on the command line: /dev/zramN, zramN or N. */
export function namedDeviceName(arg: string): string | null {
  const m = /^(?:\/dev\/)?(?:zram)?(\d+)$/.exec(arg);
  return m ? `zram${m[1]}` : null;
}
