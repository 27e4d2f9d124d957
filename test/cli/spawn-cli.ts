// Runs `zram-ref ARGS` from the TypeScript sources in a child process (compiled on load by
// @swc/core, as test/record/recorder-child.ts does): real exit status, real stdout/stderr pipes.
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
const MAIN = path.join(REPO, 'src/cli/main.ts');

// With ZRAM_REF_TEST_MODULES=1 the child prints, on stderr at exit, the repository files it loaded
// (the TypeScript sources, and the packages' files under node_modules).
const CHILD = `
const fs = require('fs'), swc = require('@swc/core');
require.extensions['.ts'] = (m, file) => m._compile(swc.transformSync(fs.readFileSync(file, 'utf8'),
  { filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code, file);
if (process.env.ZRAM_REF_TEST_MODULES) process.on('exit', () => process.stderr.write('MODULES ' +
  JSON.stringify(Object.keys(require.cache).filter((f) => f.endsWith('.ts') || f.includes('/node_modules/'))) + '\\n'));
require(process.argv[1]).main(['node', 'zram-ref', ...process.argv.slice(2)]).then((c) => { process.exitCode = c; });
`;

export interface SpawnRun { code: number | null; stdout: string; stderr: string }

export function spawnCli(args: string[], env: Record<string, string> = {}, input?: string): SpawnRun {
  const r = spawnSync(process.execPath, ['-e', CHILD, MAIN, ...args],
    { cwd: REPO, encoding: 'utf8', input, env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs with stdout a pipe whose reader has already gone (`... | head -1` after head exits). */
export function spawnCliClosedStdout(args: string[]): Promise<SpawnRun> {
  const child = spawn(process.execPath, ['-e', CHILD, MAIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout: '', stderr })));
}

/** The repository-relative files the child loaded (ZRAM_REF_TEST_MODULES). */
export function loadedModules(r: SpawnRun): string[] {
  const line = r.stderr.split('\n').find((l) => l.startsWith('MODULES '));
  if (!line) throw new Error(`no module list in stderr: ${r.stderr}`);
  return (JSON.parse(line.slice('MODULES '.length)) as string[]).map((f) => path.relative(REPO, f));
}
