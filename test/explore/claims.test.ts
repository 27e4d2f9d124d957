// The claims of the refcount change (08eee69fcf6b) and of its neighbours, over every
// interleaving of the shipped scenarios.
import { explore } from '../../src/explore';
import { allRuns, at } from './naive';
import { load, shipped } from './scenarios';

const kindsFound = (file: string, v: string): string[] => explore(load(file), [v]).findings.map((f) => f.kind);

describe('refcount', () => {
  test.each(shipped())('no interleaving of %s reaches freed meta or frees meta from reclaim', (file) => {
    const kinds = kindsFound(file, 'refcount');
    expect(kinds).not.toContain('freed-meta-use');
    expect(kinds).not.toContain('meta-freed-in-reclaim');
    expect(kinds).not.toContain('stats-survive-reset');
    expect(kinds).not.toContain('io-on-uninitialised');
  });

  test('claim, with the same bios and no opener to stop the reset, does reach freed meta (the check can fire)', () => {
    expect(kindsFound('reset-vs-bio.scn', 'claim')).toContain('freed-meta-use');
  });

  test('a bio referenced before the reset succeeds; one queued after it, with no reference in flight, fails with EIO', () => {
    const runs = allRuns(load('nowake-reset.scn'), 'refcount');
    expect(runs.length).toBeGreaterThan(2);
    for (const r of runs) {
      const before = at(r, 'A.write 0 (Q)') < at(r, 'B.reset (request)');
      expect([r.order.join(', '), r.result('A', 'write 0')]).toEqual([r.order.join(', '), before ? 'ok' : 'EIO']);
      expect(r.result('B', 'reset')).toBe('ok');
    }
  });

  test('after the drop a bio still gets a reference while another holds one (inc_not_zero), and succeeds', () => {
    const r = allRuns(load('late-bio-joins.scn'), 'refcount').find((x) =>
      at(x, 'A.write 0 (Q)') < at(x, 'C.reset (request)') && at(x, 'C.reset (request)') < at(x, 'B.write 1 (Q)') &&
      at(x, 'B.write 1 (Q)') < at(x, 'A.write 0 (C)'));
    expect(r?.result('B', 'write 1')).toBe('ok');
  });
});

describe('init-lock', () => {
  test('shows the lock-order hazard with reclaim I/O and a reset; refcount and claim do not', () => {
    expect(kindsFound('reclaim-vs-reset.scn', 'init-lock')).toContain('lock-order');
    expect(kindsFound('reclaim-vs-reset.scn', 'refcount')).not.toContain('lock-order');
    expect(kindsFound('reclaim-vs-reset.scn', 'claim')).not.toContain('lock-order');
    expect(kindsFound('reset-vs-bio.scn', 'init-lock')).not.toContain('lock-order'); // process context only
  });

  test('a bio that arrives during the reset waits, then fails with EIO; one before it succeeds', () => {
    for (const r of allRuns(load('reclaim-vs-reset.scn'), 'init-lock')) {
      const before = at(r, 'A.write 2 (Q)') < at(r, 'B.reset (request)');
      expect(r.result('A', 'write 2')).toBe(before ? 'ok' : 'EIO');
      if (!before) expect(at(r, 'A.write 2 (C)')).toBeGreaterThan(at(r, 'B.reset (done)'));
    }
  });
});

describe('claim', () => {
  test('refuses reset while the device is open, and the open while a reset runs', () => {
    const runs = allRuns(load('open-vs-reset.scn'), 'claim');
    for (const r of runs) {
      const req = at(r, 'B.reset (request)');
      const open = at(r, 'A.open');
      if (open < req && req < at(r, 'A.close')) expect(r.result('B', 'reset')).toBe('EBUSY');
      if (req < open && open < at(r, 'B.reset (done)') && r.result('B', 'reset') !== 'EBUSY') expect(r.result('A', 'open')).toBe('EBUSY');
    }
    expect(runs.some((r) => r.result('B', 'reset') === 'EBUSY')).toBe(true);
    expect(runs.some((r) => r.result('A', 'open') === 'EBUSY')).toBe(true);
  });
});

describe('refcount-nowake', () => {
  test('a reset that finds I/O in flight never completes; with the waking put it always does', () => {
    const nowake = explore(load('nowake-reset.scn'), ['refcount-nowake']);
    expect(nowake.findings.map((f) => f.kind)).toContain('reset-never-completes');
    expect(nowake.outcomes.some((g) => /reset → blocked for ever/.test(g.texts[0]))).toBe(true);
    const wakes = explore(load('nowake-reset.scn'), ['refcount']);
    expect(wakes.findings).toEqual([]);
    expect(wakes.outcomes.every((g) => /B: reset → ok/.test(g.texts[0]))).toBe(true);
  });
});
