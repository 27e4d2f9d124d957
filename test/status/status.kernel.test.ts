// `zram-ref status` against zramctl (util-linux) on a private device holding data: the same
// bytes for every output mode both have (default, --bytes, --raw, --noheadings, -o, --output-all).
// Read only: status never writes to a device; the device is ours (hot_add, reset + hot_remove).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KernelZram } from '../../src/kernel/zram';
import { describeKernel } from '../helpers/kernel';
import { missingTool, testUnless } from '../helpers/skip';
import { runCli } from '../replay/cli-harness';

const NO_ZRAMCTL = missingTool('zramctl', 'apt-get install util-linux');

describeKernel('zram-ref status vs zramctl on a private device', () => {
  let dev: KernelZram;
  beforeAll(async () => {
    dev = await KernelZram.create();
    await dev.store('comp_algorithm', 'lz4');
    await dev.store('disksize', String(24 << 20));
    // mixed pages: text-like (compressible), zero-filled (same pages) and random (huge)
    const page = (i: number): Uint8Array => {
      const p = new Uint8Array(4096);
      if (i % 5 === 0) return p;
      let x = i * 2654435761;
      for (let j = 0; j < 4096; j++) {
        x = (x * 1103515245 + 12345) >>> 0;
        p[j] = i % 7 === 0 ? x >>> 24 : 97 + ((x >>> 24) % 4);
      }
      return p;
    };
    for (let i = 0; i < 300; i++) await dev.write(i * 4096, page(i));
  }, 60_000);
  afterAll(async () => { await dev?.dispose(); });

  const MODES: string[][] = [[], ['--bytes'], ['--raw'], ['--noheadings'], ['--raw', '--bytes', '--noheadings'],
    ['-o', 'NAME,DISKSIZE,DATA,COMPR,ALGORITHM,ZERO-PAGES,TOTAL,MEM-LIMIT,MEM-USED,MIGRATED'], ['--output-all'],
    ['--output-all', '--bytes']];
  for (const mode of MODES) {
    testUnless(NO_ZRAMCTL, `same text as zramctl ${mode.join(' ') || '(default columns)'}`, async () => {
      const z = spawnSync('zramctl', [...mode, dev.path], { encoding: 'utf8' });
      expect(z.status).toBe(0);
      const ours = await runCli(['status', ...mode, dev.path]);
      expect(ours.code).toBe(0);
      expect(ours.stdout).toBe(z.stdout);
    });
  }

  test('the device is listed without naming it, with the stats sysfs shows', async () => {
    const r = await runCli(['status', '--json']);
    const mine = JSON.parse(r.stdout).devices.find((d: { name: string }) => d.name === dev.path);
    const mm = dev.show('mm_stat').trim().split(/\s+/).map(Number);
    expect(mine).toEqual({ name: dev.path, algorithm: 'lz4', disksize: 24 << 20, data: mm[0], compr: mm[1],
      total: mm[2], streams: null, mountpoint: null });
    expect(mm[0]).toBeGreaterThan(0);
  });
});

describeKernel('zram-ref status vs zramctl: MOUNTPOINT of a mounted private device', () => {
  let dev: KernelZram;
  let dir: string;
  let mounted = false;
  beforeAll(async () => {
    dev = await KernelZram.create();
    await dev.store('disksize', String(32 << 20));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-status-mnt-'));
    execFileSync('mkfs.ext4', ['-q', '-F', dev.path], { stdio: 'ignore' });
    execFileSync('mount', [dev.path, dir]);
    mounted = true;
    fs.writeFileSync(path.join(dir, 'f'), 'zram-ref status\n'.repeat(10000));
    execFileSync('sync');
  }, 60_000);
  afterAll(async () => {
    if (mounted) execFileSync('umount', [dir]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await dev?.dispose();
  });

  testUnless(NO_ZRAMCTL, 'same text as zramctl, mount point included', async () => {
    const z = spawnSync('zramctl', [dev.path], { encoding: 'utf8' });
    const ours = await runCli(['status', dev.path]);
    expect(ours.stdout).toBe(z.stdout);
    expect(ours.stdout).toContain(` ${fs.realpathSync(dir)}\n`);
  });
});
