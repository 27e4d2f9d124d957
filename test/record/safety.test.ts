// Device refusals, on a fake /proc and /sys tree: missing, mounted, swap, held, open by another
// process, zram0 and not-ours without --force.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deviceRefusals, openers } from '../../src/record/safety';

function fakeTree(): { proc: string; sys: string; cleanup(): void } {
  const root = fs.mkdtempSync('/tmp/zram-ref-safety-');
  const proc = path.join(root, 'proc');
  const sys = path.join(root, 'sys');
  fs.mkdirSync(proc);
  fs.writeFileSync(path.join(proc, 'mounts'), '/dev/vda / ext4 rw 0 0\n');
  fs.writeFileSync(path.join(proc, 'swaps'), 'Filename\tType\tSize\tUsed\tPriority\n');
  for (const d of ['zram0', 'zram5', 'zram6']) fs.mkdirSync(path.join(sys, 'block', d, 'holders'), { recursive: true });
  return { proc, sys, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

describe('device safety checks', () => {
  let t: ReturnType<typeof fakeTree>;
  beforeEach(() => { t = fakeTree(); });
  afterEach(() => t.cleanup());
  const check = (dev: string, created: boolean, force: boolean): string[] =>
    deviceRefusals({ dev, created, force, procRoot: t.proc, sysRoot: t.sys });

  test('a device we created and nobody uses is fine; a missing one is refused', () => {
    expect(check('zram5', true, false)).toEqual([]);
    expect(check('zram9', true, true)).toEqual([expect.stringMatching(/zram9 does not exist/)]);
  });

  test('zram0 and devices not created by the command need --force', () => {
    expect(check('zram0', false, false)).toEqual([expect.stringMatching(/zram0 is the system's device/)]);
    expect(check('zram6', false, false)).toEqual([expect.stringMatching(/not created by this command/)]);
    expect(check('zram6', false, true)).toEqual([]);
  });

  test('mounted (also a partition), swap, held and open are refused even with --force', () => {
    fs.appendFileSync(path.join(t.proc, 'mounts'), '/dev/zram5p1 /mnt ext4 rw 0 0\n');
    fs.appendFileSync(path.join(t.proc, 'swaps'), '/dev/zram5 partition 1024 0 -2\n');
    fs.writeFileSync(path.join(t.sys, 'block', 'zram5', 'holders', 'dm-0'), '');
    fs.mkdirSync(path.join(t.proc, '4242', 'fd'), { recursive: true });
    fs.symlinkSync('/dev/zram5', path.join(t.proc, '4242', 'fd', '3'));
    fs.mkdirSync(path.join(t.proc, '4343', 'fd'), { recursive: true });
    fs.symlinkSync('/dev/zram50', path.join(t.proc, '4343', 'fd', '3')); // another device: not an opener
    const why = check('zram5', false, true);
    expect(why).toEqual([expect.stringMatching(/is mounted/), expect.stringMatching(/used as swap/),
      expect.stringMatching(/held by dm-0/), expect.stringMatching(/open by pid 4242$/)]);
    expect(openers('zram5', t.proc, new Set([4242]))).toEqual([]);
  });
});
