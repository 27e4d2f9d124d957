// What a recording needs from the machine, as a list of problems (empty: fine). Injectable so
// tests can play "not root" and "no tracefs" without being either.
import * as fs from 'node:fs';

export interface Machine {
  getuid(): number;
  exists(path: string): boolean;
}

export const realMachine: Machine = {
  getuid: () => (typeof process.getuid === 'function' ? process.getuid() : -1),
  exists: (p) => fs.existsSync(p),
};

export function recordProblems(m: Machine, needsHotAdd: boolean): string[] {
  const why: string[] = [];
  if (m.getuid() !== 0) why.push('not running as root (tracing and zram sysfs need root)');
  if (!m.exists('/sys/kernel/tracing') && !m.exists('/sys/kernel/debug/tracing')) why.push('no tracefs (/sys/kernel/tracing)');
  if (needsHotAdd && !m.exists('/sys/class/zram-control/hot_add')) why.push('no /sys/class/zram-control/hot_add (zram not available) for --new');
  return why;
}
