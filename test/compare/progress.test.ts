// compare's bars: one per configuration on a terminal, none off one or with --json.
import { compareProgress } from '../../src/compare/progress';

async function capture(tty: boolean, quiet: boolean): Promise<string> {
  const was = process.stderr.isTTY;
  const out: string[] = [];
  const w = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => { out.push(String(s)); return true; });
  Object.defineProperty(process.stderr, 'isTTY', { value: tty, configurable: true });
  try {
    const p = compareProgress(['alg=lz4', 'alg=lzo,mem_limit=1M'], quiet);
    p.update(1, 10, 100);
    p.update(0, 50, 100);
    await new Promise((res) => setTimeout(res, 400)); // the bars redraw on a timer
    p.stop();
  } finally {
    Object.defineProperty(process.stderr, 'isTTY', { value: was, configurable: true });
    w.mockRestore();
  }
  return out.join('');
}

test('a terminal gets one bar per configuration, labelled, in their order', async () => {
  const text = await capture(true, false);
  expect(text).toMatch(/alg=lz4 {14}\[[^\n]*50% \| 50\/100 events[^]*alg=lzo,mem_limit=1M \[[^\n]*10% \| 10\/100 events/);
});

test('nothing off a terminal, nothing when quiet (--json)', async () => {
  expect(await capture(false, false)).toBe('');
  expect(await capture(true, true)).toBe('');
});
