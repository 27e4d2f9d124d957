// The process's peak resident set since it started this program. getrusage's ru_maxrss (Node's
// resourceUsage().maxRSS) also counts the RSS of the parent it was forked from, up to the exec:
// a large parent (a benchmark that has just written the log) showed as the replay's own peak.
// /proc/self/status VmHWM belongs to this program's address space only (all its threads).
import * as fs from 'node:fs';

export function peakRss(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux: the portable figure below
  }
  return process.resourceUsage().maxRSS * 1024;
}
