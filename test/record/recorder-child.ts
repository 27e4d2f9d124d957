// Runs `zram-ref record ARGS` from the TypeScript sources in a child process (through
// @swc/core, as test/kernel/cleanup.test.ts does), so tests can signal and kill it.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STATE_DIR, RecorderState } from '../../src/record/state-file';

const CHILD = `
const fs = require('fs'), swc = require('@swc/core');
require.extensions['.ts'] = (m, file) => m._compile(swc.transformSync(fs.readFileSync(file, 'utf8'),
  { filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code, file);
const { main } = require(process.argv[1]);
main(['node', 'zram-ref', 'record', ...process.argv.slice(2)]).then((c) => { process.exitCode = c; });
`;

export const REPO = path.resolve(__dirname, '../..');
const commandFile = path.join(REPO, 'src/cli/main.ts');

export interface ChildRun { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> }

export function startRecorder(args: string[]): ChildRun {
  const child = spawn(process.execPath, ['-e', CHILD, commandFile, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

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
