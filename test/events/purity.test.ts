// src/events is model code (STYLE.md §5 rule 1): no node:* or log-file imports, no clock,
// no randomness. Scans the sources so a slip fails here, not in review.
import * as fs from 'node:fs';
import * as path from 'node:path';

const dir = path.join(__dirname, '../../src/events');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));

test.each(files)('src/events/%s is pure', (f) => {
  const src = fs.readFileSync(path.join(dir, f), 'utf8');
  const imports = [...src.matchAll(/from\s+'([^']+)'|require\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]!);
  for (const i of imports) {
    expect(i).not.toMatch(/^node:|^(fs|path|os|crypto|child_process)$|\/log\/|\/cli\/|\/record\//);
  }
  expect(src).not.toMatch(/\bDate\b|\bperformance\b|Math\.random|\bprocess\./);
});
