// src/report and src/diff are model code (STYLE.md §5 rule 1): following their imports
// transitively reaches no node:* module, no log-file, CLI or recorder code, no clock and no
// randomness (they read src/replay/outputs.ts and timing.ts, which must stay pure too).
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '../../src');
const roots = ['report', 'report/export', 'diff'].flatMap((d) =>
  fs.readdirSync(path.join(SRC, d)).filter((f) => f.endsWith('.ts')).map((f) => path.join(SRC, d, f)));

function importsOf(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  return [...src.matchAll(/from\s+'([^']+)'|require\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

function reach(file: string, seen: Set<string>): void {
  if (seen.has(file)) return;
  seen.add(file);
  for (const i of importsOf(file)) {
    if (!i.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), i);
    const next = [`${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p));
    if (next) reach(next, seen);
  }
}

test.each(roots.map((r) => path.relative(SRC, r)))('src/%s and everything it imports is pure', (rel) => {
  const seen = new Set<string>();
  reach(path.join(SRC, rel), seen);
  for (const f of seen) {
    const where = path.relative(SRC, f);
    expect(`${where}: ${importsOf(f).filter((i) => /^node:|^(fs|path|os|crypto|child_process)$|\/log\/|\/cli\/|\/record\/|tools\//.test(i)).join(' ')}`).toBe(`${where}: `);
    const src = fs.readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '');
    expect(`${where}: ${/\bDate\.|\bperformance\.|Math\.random|\bprocess\./.test(src)}`).toBe(`${where}: false`);
  }
});
