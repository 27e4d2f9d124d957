// Committed blktrace traces replayed on the model and on a private real device: outputs diff
// equal (kernel-gated; the model-only checks are in trace-input.test.ts).
import * as path from 'node:path';
import { describeKernel } from '../helpers/kernel';
import { runCli } from './cli-harness';
import { replayTrace, scratchDir, ZRAM_TRACES } from './committed';

const tmp = scratchDir('zram-ref-traces-');
const replay = (trace: string, out: string, ...extra: string[]) => replayTrace(tmp(), trace, out, ...extra);

describeKernel('committed traces on the real device', () => {
  test.each(ZRAM_TRACES)('%s: model and kernel outputs diff equal', async (t) => {
    expect((await replay(t, `${t}.m.jsonl`)).code).toBe(0);
    expect((await replay(t, `${t}.k.jsonl`, '--target', 'new')).code).toBe(0);
    const d = await runCli(['diff', path.join(tmp(), `${t}.m.jsonl`), path.join(tmp(), `${t}.k.jsonl`)]);
    expect(d.stdout).toMatch(/EQUAL/);
    expect(d.code).toBe(0);
  });
});
