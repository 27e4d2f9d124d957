// Replaying the committed blktrace traces (ingested with synthetic contents): deterministic,
// refused without --content, and equal on the real device (kernel-gated).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from './cli-harness';
import { replayTrace, scratchDir, TRACES, ZRAM_TRACES } from './committed';

const tmp = scratchDir('zram-ref-traces-');
const replay = (trace: string, out: string, ...extra: string[]) => replayTrace(tmp(), trace, out, ...extra);

describe('replay of committed blktrace traces', () => {
  test.each(ZRAM_TRACES)('%s replays on the model, twice the same', async (t) => {
    const a = await replay(t, `${t}.a.jsonl`);
    expect(a.code).toBe(0);
    const rep = JSON.parse(a.stdout);
    expect(rep.bios).toBeGreaterThan(10);
    expect(rep.failures.bios.every((b: { failed: number }) => b.failed === 0)).toBe(true);
    expect(rep.latency[0].ops.length).toBeGreaterThan(0); // Q2C from the trace's own timestamps
    await replay(t, `${t}.b.jsonl`);
    expect(fs.readFileSync(path.join(tmp(), `${t}.a.jsonl`)).equals(fs.readFileSync(path.join(tmp(), `${t}.b.jsonl`)))).toBe(true);
  });

  test('a bare trace without --content is refused', async () => {
    const r = await runCli(['replay', path.join(TRACES, 'zram-seqwrite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/carries no page contents: give --content/);
  });
});
