// Runs `zram-ref SUBCOMMAND …` from the TypeScript sources in a child process (through
// @swc/core), so tests can start, signal and kill real CLI processes without a build.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');

const CHILD = `
const fs = require('fs'), swc = require('@swc/core');
require.extensions['.ts'] = (m, file) => m._compile(swc.transformSync(fs.readFileSync(file, 'utf8'),
  { filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code, file);
const delay = Number(process.env.ZRAM_REF_TEST_DELAY_MS || 0); // a slow start, for tests that kill mid-work
if (delay > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delay);
require(process.argv[1]).main(['node', 'zram-ref', ...process.argv.slice(2)]).then((c) => { process.exitCode = c; });
`;

/** argv prefix that runs the CLI (src/cli/main.ts, its one command list) from sources. */
export function cliFromSources(): string[] {
  return [process.execPath, '-e', CHILD, path.join(REPO, 'src/cli/main.ts')];
}

export interface ChildRun {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
}

/** `until`: 'close' waits for the output pipes too; 'exit' only for the process (a recorder's
 * guardian may keep a pipe open after the recorder was killed). */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, until: 'close' | 'exit' = 'close'): ChildRun {
  const [cmd, ...pre] = cliFromSources();
  const child = spawn(cmd, [...pre, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on(until, (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}
