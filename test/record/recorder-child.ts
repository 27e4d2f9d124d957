// Runs `zram-ref record ARGS` from the TypeScript sources in a child process (test/helpers/cli-child.ts),
// so tests can signal and kill it; and reads what a recorder left in its state file.
import { startCli, type ChildRun } from '../helpers/cli-child';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STATE_DIR, RecorderState } from '../../src/record/state-file';

export { REPO, type ChildRun } from '../helpers/cli-child';

/** `zram-ref record ARGS` from the sources, in a child the test can signal and kill. */
export const startRecorder = (args: string[]): ChildRun => startCli(['record', ...args], {}, 'exit');

export function stateOf(pid: number): RecorderState | null {
  try { return JSON.parse(fs.readFileSync(path.join(STATE_DIR, `${pid}.json`), 'utf8')) as RecorderState; } catch { return null; }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until the recorder's state says tracing runs (readers started). */
export async function waitTracing(pid: number, timeoutMs = 20_000): Promise<RecorderState> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = stateOf(pid);
    if (s?.tracefs && s.tracefs.readerPids.length > 0) return s;
    if (Date.now() > end) throw new Error(`recorder ${pid} did not start tracing`);
    await sleep(50);
  }
}

export function pidAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}
