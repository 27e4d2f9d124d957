// Records the real traces under traces/<name>/ on private devices with FtraceBlkSession:
// NAME.blktrace.N per CPU, manifest.json, and Debian blkparse's output as expected.txt.
// Usage: node dist/tools/blktrace/record-fixtures.js [--out traces] [name...]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FtraceBlkSession } from '../../src/record/ftrace-session';
import { FIXTURES, FixtureSpec } from './fixture-specs';
import { addPartitionedLoop, addZram, kernelCapable, PrivateDevice } from './private-devices';

function run(cmd: string, env: Record<string, string>): void {
  execFileSync('sh', ['-c', cmd], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
}

function firstLine(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0].trim();
  } catch (e) {
    return `unavailable (${(e as Error).message.split('\n')[0]})`;
  }
}

function toolVersions(): Record<string, string> {
  return {
    blkparse: firstLine('blkparse', ['-V']), fio: firstLine('fio', ['--version']),
    node: process.version, 'util-linux': firstLine('blkdiscard', ['--version']),
    dd: firstLine('dd', ['--version']),
  };
}

function openDevice(spec: FixtureSpec): PrivateDevice {
  const d = spec.device;
  return d.kind === 'zram' ? addZram(d.disksize, d.algorithm)
    : addPartitionedLoop(path.join(os.tmpdir(), `zram-ref-${spec.name}-${process.pid}.img`), d.sizeMiB);
}

// What is live right now, for the signal handler (SIGINT/SIGTERM must not strand devices).
const live: { session?: FtraceBlkSession; dev?: PrivateDevice; tmp?: string } = {};

function onSignal(sig: NodeJS.Signals): void {
  console.error(`record-fixtures: ${sig}, cleaning up`);
  try { live.session?.cleanup(); } finally {
    try { live.dev?.release(); } finally {
      if (live.tmp) fs.rmSync(live.tmp, { recursive: true, force: true });
      process.exit(130);
    }
  }
}

function recordOne(spec: FixtureSpec, outRoot: string): void {
  const tmp = fs.mkdtempSync(path.join(outRoot, `.${spec.name}-`));
  live.tmp = tmp;
  const dev = openDevice(spec);
  live.dev = dev;
  const env = { DEV: dev.path, PART: `${dev.path}p1` };
  try {
    for (const c of spec.prepare ?? []) run(c, env);
    const session = new FtraceBlkSession({ devices: [dev.name], outPrefix: path.join(tmp, spec.name), bufferSizeKb: 8192 });
    live.session = session;
    session.start();
    let result;
    try {
      for (const c of spec.commands) run(c, env);
    } finally {
      result = session.stop();
    }
    if (result.lost !== 0 || !result.drained || result.restoreErrors.length) {
      throw new Error(`${spec.name}: lost=${result.lost} drained=${result.drained} ${result.restoreErrors.join('; ')}`);
    }
    writeManifest(spec, dev, tmp, result.settingsUsed, result.cpuStats);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    live.session = undefined;
    dev.release();
    live.dev = undefined;
  }
  const expected = execFileSync('blkparse', ['-i', spec.name], { cwd: tmp, encoding: 'utf8' });
  fs.writeFileSync(path.join(tmp, 'expected.txt'), expected);
  const final = path.join(outRoot, spec.name);
  fs.rmSync(final, { recursive: true, force: true });
  fs.renameSync(tmp, final);
  fs.chmodSync(final, 0o755);
  live.tmp = undefined;
  console.log(`${spec.name}: ${fs.readdirSync(final).join(' ')}`);
}

function writeManifest(spec: FixtureSpec, dev: PrivateDevice, dir: string,
  settings: Record<string, string>, cpuStats: unknown): void {
  const manifest = {
    name: spec.name, description: spec.description, recordedAt: new Date().toISOString(),
    kernelRelease: os.release(), pageSize: Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' })),
    device: { kind: spec.device.kind, ...dev.info, traced: dev.name },
    algorithm: spec.device.kind === 'zram' ? spec.device.algorithm : null,
    disksize: spec.device.kind === 'zram' ? spec.device.disksize : null,
    captureMethod: 'ftrace blk tracer, options/bin=1 context-info=0, per_cpu trace_pipe readers (blktrace.md §5.2)',
    tracefsSettings: settings, cpuBufferStats: cpuStats,
    prepare: spec.prepare ?? [], commands: spec.commands,
    files: fs.readdirSync(dir).filter((f) => f.includes('.blktrace.')).sort(),
    expected: 'expected.txt = `blkparse -i ' + spec.name + '` run in this directory',
    toolVersions: toolVersions(),
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const oi = args.indexOf('--out');
  const outRoot = oi >= 0 ? args.splice(oi, 2)[1] : 'traces';
  const why = kernelCapable();
  if (why) { console.error(`record-fixtures: cannot record here: ${why}`); process.exit(2); }
  const chosen = args.length ? FIXTURES.filter((f) => args.includes(f.name)) : FIXTURES;
  fs.mkdirSync(outRoot, { recursive: true });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  for (const spec of chosen) recordOne(spec, outRoot);
}

main();
