// Runs one job's replay as a child `zram-ref compare … --json`, so a worker's event loop stays
// free to renew its job lock, a timeout can kill the work outright, and a crash in it cannot
// take the worker down.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { CompareRow } from '../report/compare-table';
import type { FleetJobData } from './job';

/** The command that runs a zram-ref subcommand: ZRAM_REF_CHILD (a JSON array) or bin/zram-ref. */
export function childPrefix(): string[] {
  const env = process.env.ZRAM_REF_CHILD;
  if (env) return JSON.parse(env) as string[];
  return [process.execPath, path.resolve(__dirname, '../../../bin/zram-ref')]; // dist/src/fleet → bin
}

export class ChildFailed extends Error {
  constructor(message: string, readonly badInput: boolean) { super(message); }
}

const MAX_OUTPUT = 16 << 20; // a compare row is small; anything larger is a broken child

export function runCompareChild(d: FleetJobData, timeoutMs: number): Promise<CompareRow> {
  const [cmd, ...pre] = childPrefix();
  const args = [...pre, 'compare', d.input, '--config', d.config, '--variant', d.variant, '--content', d.content,
    '--every', String(d.every), '--json'];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => { if (out.length < MAX_OUTPUT) out += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { if (err.length < 4096) err += b.toString(); });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') return reject(new ChildFailed(`replay timed out after ${timeoutMs / 1000} s`, false));
      if (code !== 0) return reject(new ChildFailed(err.trim().split('\n')[0] || `replay exited ${code ?? signal}`, code === 2));
      try {
        resolve((JSON.parse(out) as CompareRow[])[0]);
      } catch {
        reject(new ChildFailed('replay printed no compare row', false));
      }
    });
  });
}
