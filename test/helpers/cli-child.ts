// Runs `zram-ref SUBCOMMAND …` from the TypeScript sources in a child process (through
// @swc/core), so tests can start, signal and kill real CLI processes without a build.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');

const CHILD = `
const fs = require('fs'), swc = require('@swc/core');
require.extensions['.ts'] = (m, file) => m._compile(swc.transformSync(fs.readFileSync(file, 'utf8'),
  { filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code, file);
const { Command } = require('commander');
const program = new Command('zram-ref').exitOverride();
for (const f of process.argv[1].split(',')) require(f).register(program, (c) => { process.exitCode = c; });
program.parseAsync(['node', 'zram-ref', ...process.argv.slice(2)]).catch((e) => { console.error(e); process.exitCode = 2; });
`;

/** argv prefix that runs the given command modules (src/cli/commands/NAME.ts) from sources. */
export function cliFromSources(commands: readonly string[]): string[] {
  const files = commands.map((c) => path.join(REPO, 'src/cli/commands', `${c}.ts`)).join(',');
  return [process.execPath, '-e', CHILD, files];
}

export interface ChildRun {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
}

export function startCli(commands: readonly string[], args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildRun {
  const [cmd, ...pre] = cliFromSources(commands);
  const child = spawn(cmd, [...pre, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}
