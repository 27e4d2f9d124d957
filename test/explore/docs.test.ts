// docs/lifetime.md and the README show real explorer output: every `$ ./bin/zram-ref explore ...`
// block there must still be what the explorer prints.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { explore, formatExploration } from '../../src/explore';
import { load } from './scenarios';

const ROOT = path.join(__dirname, '..', '..');
const blocksOf = (doc: string): [string, string, string][] => {
  const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
  return [...text.matchAll(/```\n\$ \.\/bin\/zram-ref explore (.*)\n([\s\S]*?)```/g)].map((m) => [doc, m[1], m[2]]);
};
const blocks = (): [string, string, string][] => [...blocksOf('docs/lifetime.md'), ...blocksOf('README.md')];

test('the docs have explorer blocks', () => {
  expect(blocksOf('docs/lifetime.md').length).toBeGreaterThanOrEqual(6);
  expect(blocksOf('README.md').length).toBeGreaterThanOrEqual(4);
});

test.each(blocks())('%s: explore %s', (_doc, cmd, shown) => {
  const [file, flag, ...vs] = cmd.split(/\s+/);
  expect(['--variant', '--diff']).toContain(flag);
  expect(formatExploration(explore(load(path.basename(file)), vs))).toBe(shown);
});
