// A private device must disappear however its process ends: normal exit without dispose(),
// an uncaught exception, SIGTERM, SIGINT, SIGHUP, and even SIGKILL (then the device's guardian cleans up).
import { spawn } from 'node:child_process';
import { DeviceIdentity, deviceGone } from '../../src/kernel/device';
import * as path from 'node:path';
import { describeKernel } from '../helpers/kernel';

// The child loads the TypeScript driver through @swc/core (jest's transform is not available there).
const CHILD = `
const fs = require('fs'), swc = require('@swc/core');
require.extensions['.ts'] = (m, file) => m._compile(swc.transformSync(fs.readFileSync(file, 'utf8'),
  { filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code, file);
const { KernelZram } = require(process.argv[1]);
(async () => {
  const dev = await KernelZram.create();
  await dev.store('disksize', '1M');
  await dev.open(); // an open fd: cleanup must close it before reset
  process.stdout.write(dev.id + ' ' + fs.statSync('/sys/devices/virtual/block/zram' + dev.id).ino + '\\n');
  const how = process.argv[2];
  if (how === 'throw') setTimeout(() => { throw new Error('deliberate'); }, 50);
  else if (how === 'exit') setTimeout(() => process.exit(0), 50);
  else setInterval(() => {}, 1000); // wait for a signal
})();
`;

const driver = path.resolve(__dirname, '../../src/kernel/zram.ts');

function runChild(how: string): Promise<{ who: DeviceIdentity; code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD, driver, how], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let who: DeviceIdentity = { id: -1, ino: -1 };
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (who.id < 0 && out.includes('\n')) {
        const [id, ino] = out.split(/\s+/).map(Number);
        who = { id, ino };
        if (how.startsWith('SIG')) setTimeout(() => child.kill(how as NodeJS.Signals), 100);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ who, code, signal }));
  });
}

async function gone(who: DeviceIdentity): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (deviceGone(who)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describeKernel('private devices are removed however the process ends', () => {
  it.each(['exit', 'throw', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGKILL'])('%s', async (how) => {
    const r = await runChild(how);
    expect(r.who.id).toBeGreaterThanOrEqual(0);
    expect(await gone(r.who)).toBe(true);
    if (how === 'throw') expect(r.code).toBe(1);
    if (how === 'SIGKILL') expect(r.signal).toBe('SIGKILL');
    // handled (the driver's own clean-up ran and exited), not the default action of the signal
    const handled: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
    if (how in handled) expect([r.code, r.signal]).toEqual([handled[how], null]);
  });
});
