// How a compare worker thread starts: the compiled worker.js next to this file, or, when this
// file is TypeScript run by the test runner (no build), worker.ts through the same swc compiler
// the tests use (a devDependency, never needed by the built tool).
import * as path from 'node:path';

const BOOT = `
const { workerData } = require('node:worker_threads');
const entry = workerData.entry;
if (entry.endsWith('.ts')) {
  const fs = require('node:fs');
  const swc = require('node:module').createRequire(entry)('@swc/core');
  require.extensions['.ts'] = (m, file) => m._compile(swc.transformSync(fs.readFileSync(file, 'utf8'), {
    filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  }).code, file);
}
require(entry);
`;

export interface WorkerStart { readonly source: string; readonly entry: string }

/** `entry`: the worker module to run (tests give one of their own to check crash handling). */
export function workerStart(entry = path.join(__dirname, `worker${path.extname(__filename)}`)): WorkerStart {
  return { source: BOOT, entry };
}
