// Hostile scenario files (explore) and command-line options (replay): devices, FIFOs, oversized
// files, seeded random damage, and option values the device refuses. Each ends in output or in
// one stderr line with exit 2.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../replay/cli-harness';
import { writeLog } from '../replay/log-file';
import { smallSequence } from '../replay/small-sequence';
import { mutate, prng, ROOT, SEED, tmpDir } from './hostile-helpers';

const SCENARIO = path.join(ROOT, 'scenarios', 'reset-reinit.scn');
const SCENARIO_CASES = 30;
let dir: string;
beforeAll(() => { dir = tmpDir('scn'); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const oneLine = (r: { code: number; stderr: string }): void => {
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
};

describe('scenario files given to explore', () => {
  test('/dev/zero, a FIFO and a 2 MiB file are refused at once', async () => {
    const fifo = path.join(dir, 'fifo.scn');
    execFileSync('mkfifo', [fifo]);
    const big = path.join(dir, 'big.scn');
    fs.writeFileSync(big, '# x\n'.repeat(512 * 1024));
    for (const [f, msg] of [['/dev/zero', /a character device/], [fifo, /a FIFO/], [big, /more than the 1048576 expected/]] as const) {
      const r = await runCli(['explore', f]);
      oneLine(r);
      expect(r.stderr).toMatch(msg);
    }
  });
  test(`seed ${SEED}: ${SCENARIO_CASES} randomly damaged scenarios end in a result or exit 2, never a throw`, async () => {
    const rnd = prng(SEED ^ 0x5c3);
    let refused = 0;
    for (let i = 0; i < SCENARIO_CASES; i++) {
      const f = path.join(dir, `s${i}.scn`);
      fs.copyFileSync(SCENARIO, f);
      const what = mutate(f, rnd);
      const r = await runCli(['explore', f]).catch((e: Error) => ({ code: -1, stderr: `${what}: threw ${e.message}` }));
      expect([what, [0, 2].includes(r.code)]).toEqual([what, true]);
      if (r.code === 2) { oneLine(r); refused++; }
    }
    expect(refused).toBeGreaterThan(0);
  });
});

describe('replay options the device or the tool refuses', () => {
  const CASES: [string[], RegExp][] = [
    [['--disksize', 'abc'], /--disksize 'abc': the device refused it \(EINVAL\)/],
    [['--disksize', '0'], /--disksize '0': the device refused it \(EINVAL\)/],
    [['--disksize', '4T'], /--disksize '4T': the device refused it \(ENOMEM\)/],
    [['--mem-limit', 'xyz'], /--mem-limit 'xyz': the device refused it \(EINVAL\)/],
    [['--param', 'level=x'], /--param 'level=x': the device refused it \(EINVAL\)/],
    [['--algorithm', 'zstd9'], /--algorithm 'zstd9': expected one of/],
    [['--every', '-1'], /--every '-1': expected a whole number/],
    [['--content', 'image:/nonexistent'], /\/nonexistent: cannot open \(no such file\)/],
    [['--content', 'image:/dev/zero'], /\/dev\/zero: a character device, expected a regular file/],
  ];
  test.each(CASES)(`%j: one line, exit 2, no outputs file (${CASES.length} cases)`, async (args, msg) => {
    const log = path.join(dir, 'small.zlog');
    if (!fs.existsSync(log)) writeLog(log, smallSequence());
    const out = path.join(dir, 'opt-out.jsonl');
    const input = args[0] === '--content' ? path.join(ROOT, 'traces', 'zram-seqwrite', 'zram-seqwrite') : log;
    const r = await runCli(['replay', input, ...args, '-o', out]);
    oneLine(r);
    expect(r.stderr).toMatch(msg);
    expect(fs.existsSync(out)).toBe(false);
  });
});
