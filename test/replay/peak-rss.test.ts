// The timing summary's peak RSS is the replay's own: a child forked from a large parent must not
// report the parent's resident set (getrusage's maxrss does, up to the exec; VmHWM does not).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { peakRss } from '../../src/replay/peak-rss';

const DIST = path.join(__dirname, '../../dist/src/replay/peak-rss.js');

describe('peakRss', () => {
  test('at least what is resident now', () => {
    expect(peakRss()).toBeGreaterThanOrEqual(process.memoryUsage().rss * 0.9);
  });

  test('a small child of a large parent reports its own peak, not the parent\'s', () => {
    expect(fs.existsSync(DIST)).toBe(true); // run `npm run build` first
    const big = Buffer.alloc(300 << 20, 1); // touched: resident in this (parent) process
    const code = `const { peakRss } = require(${JSON.stringify(DIST)}); console.log(peakRss(), process.resourceUsage().maxRSS * 1024)`;
    const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const [own, maxrss] = r.stdout.trim().split(' ').map(Number);
    expect(big[big.length - 1]).toBe(1);
    expect(maxrss).toBeGreaterThan(300 << 20); // the artifact peakRss avoids (if this fails, it is gone)
    expect(own).toBeLessThan(150 << 20);
  });
});
