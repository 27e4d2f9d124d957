// compare's progress on stderr: one bar per configuration, only on a terminal and never with
// --json (scripts and pipes see nothing). Updates are throttled by cli-progress itself (fps).
import { MultiBar, type SingleBar } from 'cli-progress';

export interface CompareProgress { update(index: number, done: number, total: number): void; stop(): void }

const NONE: CompareProgress = { update: () => undefined, stop: () => undefined };

export function compareProgress(labels: readonly string[], quiet: boolean): CompareProgress {
  if (quiet || !process.stderr.isTTY) return NONE;
  const width = Math.max(...labels.map((l) => l.length));
  const multi = new MultiBar({ stream: process.stderr, hideCursor: true, clearOnComplete: true, fps: 5,
    format: '{label} [{bar}] {percentage}% | {value}/{total} events | ETA {eta}s' });
  let bars: SingleBar[] | null = null;
  return {
    update(index, done, total) {
      // every fold reads the same log: one bar per configuration, in their order, from the first update
      bars ??= labels.map((l) => multi.create(total, 0, { label: l.padEnd(width) }));
      bars[index].update(done);
    },
    stop: () => multi.stop(),
  };
}
