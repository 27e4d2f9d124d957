// Every committed trace and record bundle replays to the same outputs under every lifetime
// design: without a reset racing I/O the designs cannot differ. The outputs (one line per
// result, then the final observation) are compared line by line, like `diff`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MIX } from '../../src/content';
import { LIFETIME_NAMES } from '../../src/device/lifetime';
import { openInput } from '../../src/replay/input';
import { ModelImplementation } from '../../src/replay/model-implementation';

const TRACES = path.join(__dirname, '..', '..', 'traces');
const inputs = (): string[] => {
  const dirs = fs.existsSync(TRACES) ? fs.readdirSync(TRACES).map((d) => path.join(TRACES, d)) : [];
  const bundles = dirs.filter((d) => path.basename(d) === 'bundles').flatMap((d) => fs.readdirSync(d).map((b) => path.join(d, b)));
  return [...dirs.filter((d) => fs.existsSync(path.join(d, 'manifest.json'))), ...bundles].sort();
};

async function outputs(input: string, variant: string): Promise<string[]> {
  // bare traces carry no page contents: draw them from the default seeded mix (bundles carry their own)
  const src = await openInput(input, `synthetic:${DEFAULT_MIX}`);
  const impl = new ModelImplementation(variant);
  const lines: string[] = [];
  try {
    for await (const r of src.events) {
      const res = impl.apply(r);
      if (res) lines.push(JSON.stringify({ seq: r.seq, ...res, data: 'data' in res && res.data ? Array.from(res.data.subarray(0, 32)) : undefined }));
    }
  } finally { src.close(); }
  lines.push(JSON.stringify(impl.observe()));
  return lines;
}

const firstDifference = (a: string[], b: string[]): string | null => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return `line ${i + 1}:\n< ${a[i]}\n> ${b[i]}`;
  return null;
};

test('there are committed traces to compare', () => {
  expect(inputs().length).toBeGreaterThan(0);
});

test.each(inputs().map((i) => [path.relative(TRACES, i), i]))('%s: every variant replays to identical outputs', async (_n, input) => {
  const [base, ...rest] = await Promise.all(LIFETIME_NAMES.map((v) => outputs(input, v)));
  expect(base.length).toBeGreaterThan(1);
  for (const [i, out] of rest.entries()) {
    expect([LIFETIME_NAMES[i + 1], firstDifference(base, out)]).toEqual([LIFETIME_NAMES[i + 1], null]);
  }
});
