// The kernel check without the kernel: which scenarios 6.18 can run and why not, how call
// results map to the explorer's result form, bad input, and a call that never returns.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exploreKernel } from '../../src/cli/explore-kernel';
import { parseScenario } from '../../src/explore';
import { checkAgainstKernel, planScenario, type DeviceLifecycle, type PrivateDevice } from '../../src/explore/kernel';
import { resultText } from '../../src/explore/kernel/observe';
import { load, shipped } from './scenarios';

const EXPRESSIBLE = ['four-openers.scn', 'open-vs-reset.scn'];

describe('kernel check: scenarios as system calls', () => {
  test.each(shipped())('%s: runs on 6.18 only if every bio has an opener and no step is in reclaim', (file) => {
    const p = planScenario(load(file), true);
    expect(p.ok).toBe(EXPRESSIBLE.includes(file));
    if (!p.ok) expect(p.reasons.join('\n')).toMatch(/bios without an opener|reclaim context/);
  });

  test('open-vs-reset: one call per written step, a write carrying the explorer\'s page', () => {
    const p = planScenario(load('open-vs-reset.scn'), true);
    if (!p.ok) throw new Error(p.reasons.join());
    expect(p.plan.init.map((c) => c.op)).toEqual([{ kind: 'store', attr: 'disksize', value: '1M' }]);
    expect(p.plan.threads.map((t) => t.map((c) => c.op.kind))).toEqual([['open', 'write', 'close'], ['store']]);
    const w = p.plan.threads[0][1].op;
    expect(w.kind === 'write' && w.length === 4096 && w.data.some((b) => b !== 0)).toBe(true);
  });

  test.each([
    ['thread A process: queue x write 0; open; complete x', /a bio split into queue and complete/],
    ['thread A process: open; open', /opens twice/],
    ['thread A process: close', /closes with no open fd/],
    ['thread A process: open; discard 0; close', /util-linux blkdiscard was not found/],
  ])('%s: no system-call form', (line, why) => {
    const p = planScenario(parseScenario(`init: disksize 1M\n${line}\n`), false);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reasons.join('\n')).toMatch(why);
  });

  test('results: I/O past the capacity shows as the model\'s EIO; skipped calls as the explorer says', () => {
    const sc = load('open-vs-reset.scn');
    const read = { kind: 'read', offset: 0, length: 4096 } as const;
    const write = { kind: 'write', offset: 0, length: 4096, data: new Uint8Array(4096) } as const;
    expect(resultText(sc, read, { ok: true, n: 0, data: new Uint8Array(0) })).toBe('EIO');
    expect(resultText(sc, write, { ok: false, errno: 'ENOSPC' })).toBe('EIO');
    expect(resultText(sc, write, { ok: false, errno: 'EIO' })).toBe('EIO');
    expect(resultText(sc, read, { ok: true, n: 4096, data: new Uint8Array(4096) })).toBe('ok [0]');
    expect(resultText(sc, read, { ok: true, n: 512, data: new Uint8Array(512) })).toBe('short read of 512 bytes');
    expect(resultText(sc, write, { ok: false, skipped: 'no-fd' })).toBe('not issued (no open fd)');
    expect(resultText(sc, { kind: 'close' }, { ok: false, skipped: 'open-failed' })).toBe('not issued (open failed)');
  });
});

describe('kernel check: bad input and stuck calls (no kernel needed)', () => {
  let err = '';
  let out = '';
  beforeEach(() => {
    err = '';
    out = '';
    jest.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
    jest.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  });
  afterEach(() => jest.restoreAllMocks());

  const noDevice: DeviceLifecycle = {
    create: () => { throw new Error('cannot create a zram device (hot_add: EACCES); run as root'); },
    store: () => null, read: () => '', remove: async () => null,
  };

  test.each([['0'], ['1000001'], ['ten']])('--kernel %s: exit 2, naming the range', async (n) => {
    expect(await exploreKernel('x.scn', load('open-vs-reset.scn'), { kernel: n }, noDevice)).toBe(2);
    expect(err).toBe(`zram-ref explore: --kernel takes a number of runs from 1 to 1000000, got '${n}'\n`);
  });

  test('a scenario 6.18 cannot run: exit 2 with each reason', async () => {
    expect(await exploreKernel('reset-reinit.scn', load('reset-reinit.scn'), { kernel: '5' }, noDevice)).toBe(2);
    expect(err).toMatch(/^zram-ref explore: reset-reinit.scn: no 6.18 system-call form, so it cannot run on the kernel:\n {2}line 5: thread B: reclaim context/);
  });

  test('a device that cannot be created: exit 2, one line', async () => {
    expect(await exploreKernel('x.scn', load('open-vs-reset.scn'), { kernel: '5', seed: '1' }, noDevice)).toBe(2);
    expect(err).toBe('zram-ref explore: cannot create a zram device (hot_add: EACCES); run as root\n');
    expect(out).toBe('');
  });

  test('a reset that never returns: the run times out, is reported with its offsets, and the device is removed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stuck-'));
    execFileSync('mkfifo', [path.join(dir, 'reset')]); // opening a FIFO for writing blocks until a reader comes
    fs.writeFileSync(path.join(dir, 'node'), Buffer.alloc(1 << 20));
    const removed: number[] = [];
    const dev: PrivateDevice = { id: 99, ino: 0, node: path.join(dir, 'node'), attrPath: (n) => path.join(dir, n) };
    const lc: DeviceLifecycle = { create: () => dev, store: () => null, read: () => '0\n',
      remove: async (d) => { removed.push(d.id); return null; } };
    const sc = parseScenario('init: disksize 1M\nthread B process: reset\n', 'stuck.scn');
    const p = planScenario(sc, false);
    if (!p.ok) throw new Error(p.reasons.join());
    const ck = await checkAgainstKernel(sc, p.plan, dev, { runs: 3, seed: 5, timeoutMs: 3000, blkdiscard: 'blkdiscard', lifecycle: lc });
    fs.closeSync(fs.openSync(path.join(dir, 'reset'), fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)); // frees the thread
    expect(ck.stopped).toMatch(/^run 1: a call did not return within 3000 ms/);
    expect(ck.stuckRun?.run).toBe(1);
    expect(ck.observed).toEqual([]);
    expect(removed).toEqual([99]);
  });
});
