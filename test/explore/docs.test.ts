// docs/lifetime.md shows real explorer output: every `$ ./bin/zram-ref explore ...` block there
// must still be what the explorer prints.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { explore, formatExploration } from '../../src/explore';
import { load } from './scenarios';

const DOC = path.join(__dirname, '..', '..', 'docs', 'lifetime.md');
const blocks = (): [string, string][] => {
  const text = fs.readFileSync(DOC, 'utf8');
  return [...text.matchAll(/```\n\$ \.\/bin\/zram-ref explore (.*)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]]);
};

test('the doc has explorer blocks', () => {
  expect(blocks().length).toBeGreaterThanOrEqual(6);
});

test.each(blocks())('explore %s', (cmd, shown) => {
  const [file, flag, ...vs] = cmd.split(/\s+/);
  expect(['--variant', '--diff']).toContain(flag);
  expect(formatExploration(explore(load(path.basename(file)), vs))).toBe(shown);
});
