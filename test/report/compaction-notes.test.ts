// The shrinker-drop-caches bundle replays exactly with its recorded shrinker runs; without them
// (as a bundle recorded before the tracepoints were) the report names each sample where the
// kernel's pages_compacted grew unexplained, instead of leaving a bare difference.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { replaySession } from '../../src/replay/session';
import { makeTarget } from '../../src/replay/targets';

const BUNDLE = path.resolve(__dirname, '../../traces/bundles/shrinker-drop-caches');

const replay = async (input: string) => (await replaySession({ input, knobs: {}, variant: 'claim', content: 'exact', every: 0,
  target: makeTarget('model', 'claim') })).report;

describe('pages_compacted notes at kernel samples', () => {
  test('with shrinker.jsonl: every sample exact, both drop_caches runs matched, no note', async () => {
    const r = await replay(BUNDLE);
    expect([r.kernel.exact, r.kernel.samples]).toEqual([r.kernel.samples, 13]);
    expect(r.failures.events.find((e) => e.event === 'shrinker')).toMatchObject({ count: 2, failed: 0 });
    expect(r.kernel.notes).toEqual([]);
  });

  test('without it: the samples after each drop_caches differ and carry the note', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-noshrink-'));
    try {
      const copy = path.join(dir, 'bundle');
      fs.cpSync(BUNDLE, copy, { recursive: true });
      fs.rmSync(path.join(copy, 'shrinker.jsonl'));
      const r = await replay(copy);
      expect(r.kernel.exact).toBeLessThan(r.kernel.samples);
      const noted = r.kernel.notes.map((n) => n.seq);
      expect(noted).toHaveLength(2);
      const firstDiffering = r.kernel.rows.find((row) => row.differing.includes('mm_stat.pages_compacted'))!;
      expect(noted[0]).toBe(firstDiffering.seq);
      expect(r.kernel.notes[0].note).toMatch(/^the kernel's pages_compacted rose by \d+ with no compact store or recorded shrinker run/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);
});
