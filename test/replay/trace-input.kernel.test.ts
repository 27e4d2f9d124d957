// Committed blktrace traces replayed on the model and on a private real device: outputs diff
// equal (kernel-gated; the model-only checks are in trace-input.test.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeKernel } from '../helpers/kernel';
import { runCli } from './cli-harness';

const TRACES = path.join(__dirname, '../../traces');
const ZRAM_TRACES = ['zram-seqwrite', 'zram-randrw-2cpu', 'zram-discard'].filter((t) => fs.existsSync(path.join(TRACES, t)));
const CONTENT = 'synthetic:text:2,zeros:1,random:1,same:1';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-traces-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const replay = (trace: string, out: string, ...extra: string[]) =>
  runCli(['replay', path.join(TRACES, trace), '--content', CONTENT, '--every', '25', '-o', path.join(dir, out), '--json', ...extra]);

describeKernel('committed traces on the real device', () => {
  test.each(ZRAM_TRACES)('%s: model and kernel outputs diff equal', async (t) => {
    expect((await replay(t, `${t}.m.jsonl`)).code).toBe(0);
    expect((await replay(t, `${t}.k.jsonl`, '--target', 'new')).code).toBe(0);
    const d = await runCli(['diff', path.join(dir, `${t}.m.jsonl`), path.join(dir, `${t}.k.jsonl`)]);
    expect(d.stdout).toMatch(/EQUAL/);
    expect(d.code).toBe(0);
  });
});
