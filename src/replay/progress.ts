// A progress bar on stderr for long replays, only when stderr is a terminal (never in pipes,
// files or tests). Updates are throttled so the bar costs nothing per event.
import type * as CliProgress from 'cli-progress';

export interface Progress { update(done: number, total: number): void; stop(): void }

const NONE: Progress = { update: () => undefined, stop: () => undefined };

export function progressBar(label: string): Progress {
  if (!process.stderr.isTTY) return NONE;
  const { SingleBar } = require('cli-progress') as typeof CliProgress; // loaded only when a bar is shown
  const bar = new SingleBar({ stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} events | ETA {eta}s`,
    hideCursor: true, clearOnComplete: true, fps: 5 });
  let started = false;
  let calls = 0;
  return {
    update(done, total) {
      if (!started) { bar.start(total, 0); started = true; }
      if ((calls++ & 1023) === 0) bar.update(done);
    },
    stop() { if (started) bar.stop(); },
  };
}
