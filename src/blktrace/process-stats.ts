// blkparse -s: per-program I/O statistics (and, with -t, the longest allocation, dispatch and
// completion waits). Programs are keyed by pid, or by command name with -h; with -h a second pid
// under a name already taken marks that entry "(pid, ...)". Printed sorted by name
// (strverscmp), then pid, before the device summary.
import * as acc from './io-stats';
import type { ProcessNames } from './process-names';
import { strverscmp } from './strverscmp';
import { dumpIoStats } from './summary';
import type { TrackWaits } from './track';

interface Program {
  readonly pid: number;
  readonly comm: string;
  readonly stats: acc.IoStats;
  moreThanOne: boolean;
  readonly waits: Record<'allocation' | 'dispatch' | 'completion', [bigint, bigint]>;
}

export class ProcessStats implements TrackWaits {
  private readonly byPid = new Map<number, Program>();
  private readonly byName = new Map<string, Program[]>();  // newest first, as blkparse's hash chain
  private readonly all: Program[] = [];

  constructor(private readonly names: ProcessNames, private readonly byCommand: boolean) {}

  private find(pid: number): Program | null {
    if (!this.byCommand) return this.byPid.get(pid) ?? null;
    const name = this.names.get(pid);
    if (name === null) return null;
    const p = this.byName.get(name)?.[0] ?? null;
    if (p && p.pid !== pid) p.moreThanOne = true;
    return p;
  }

  /** The program's stats, created on first use (its name becomes "unknown" if it has none). */
  stats(pid: number): acc.IoStats {
    let p = this.find(pid);
    if (!p) {
      p = { pid, comm: this.names.getOrUnknown(pid), stats: acc.emptyIoStats(), moreThanOne: false,
        waits: { allocation: [0n, 0n], dispatch: [0n, 0n], completion: [0n, 0n] } };
      if (this.byCommand) this.byName.set(p.comm, [p, ...(this.byName.get(p.comm) ?? [])]);
      else this.byPid.set(pid, p);
      this.all.unshift(p);
    }
    return p.stats;
  }

  wait(pid: number, kind: 'allocation' | 'dispatch' | 'completion', write: boolean, ns: bigint): void {
    const p = this.find(pid);
    if (p && ns > p.waits[kind][+write]) p.waits[kind][+write] = ns;
  }

  render(): string {
    const sorted = [...this.all].sort((a, b) => strverscmp(a.comm, b.comm) || a.pid - b.pid);
    let out = '';
    for (const p of sorted) {
      const name = p.moreThanOne ? `${p.comm} (${p.pid}, ...)` : `${p.comm} (${p.pid})`;
      out += dumpIoStats(p.stats, name, null);
      const us = (k: keyof Program['waits'], w: number): string => String(p.waits[k][w] / 1000n).padStart(8);
      out += ` Allocation wait: ${us('allocation', 0)}${' '.repeat(8)}\t Allocation wait:  ${us('allocation', 1)}\n`;
      out += ` Dispatch wait:   ${us('dispatch', 0)}${' '.repeat(8)}\t Dispatch wait:    ${us('dispatch', 1)}\n`;
      out += ` Completion wait: ${us('completion', 0)}${' '.repeat(8)}\t Completion wait:  ${us('completion', 1)}\n`;
    }
    return out + '\n';
  }
}
