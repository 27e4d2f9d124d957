// Layout rules that follow imports (STYLE.md §5 rule 1, issue 13 part 4), checked on the source
// so a slip fails here, not in review:
//  - model code (device, zsmalloc, compress, events, report, diff) and everything it imports,
//    transitively, loads no node:* or other built-in module, no CLI, recorder or log-file code,
//    and reads no clock or randomness;
//  - nothing under src/ imports tools/ (tools and tests import src, never the other way).
// Each failure lists the offending file and import.
import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.join(__dirname, '../..');
const SRC = path.join(REPO, 'src');
const MODEL_DIRS = ['device', 'zsmalloc', 'compress', 'events', 'report', 'diff'];
const BUILTIN = new Set(builtinModules);
const FORBIDDEN_DIRS = ['cli', 'record', 'log'].map((d) => path.join(SRC, d) + path.sep);

/** Every module specifier of a file: import/export ... from, import(), require(), bare import. */
function importsOf(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const re = /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  return [...src.matchAll(re)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
}

/** The repository file a relative specifier names, or null (packages, built-ins). */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((p) => fs.existsSync(p) && fs.statSync(p).isFile()) ?? null;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

/** Files reachable from `root` by relative imports, with the import that reached each. */
function reachable(root: string): Map<string, string> {
  const seen = new Map<string, string>([[root, '(root)']]);
  const todo = [root];
  while (todo.length) {
    const f = todo.pop()!;
    for (const spec of importsOf(f)) {
      const next = resolve(f, spec);
      if (next && !seen.has(next)) { seen.set(next, path.relative(REPO, f)); todo.push(next); }
    }
  }
  return seen;
}

const rel = (f: string): string => path.relative(REPO, f);

/** What makes `root` impure: forbidden modules it reaches, built-ins, clocks and randomness. */
function impurities(root: string): string[] {
  const bad: string[] = [];
  for (const [f, via] of reachable(root)) {
    if (FORBIDDEN_DIRS.some((d) => f.startsWith(d))) bad.push(`${rel(root)} reaches ${rel(f)} (imported by ${via})`);
    for (const spec of importsOf(f)) {
      if (spec.startsWith('node:') || BUILTIN.has(spec)) bad.push(`${rel(f)} imports ${spec}`);
    }
    const clock = /\bDate\.|\bnew Date\b|\bperformance\.|Math\.random|\bprocess\./.exec(fs.readFileSync(f, 'utf8').replace(/\/\/.*$/gm, ''));
    if (clock) bad.push(`${rel(f)} uses ${clock[0]}`);
  }
  return bad;
}

describe('model code is pure, following imports', () => {
  test.each(MODEL_DIRS)('src/%s: no built-in, CLI, recorder or log-file module anywhere below its imports', (dir) => {
    const bad = walk(path.join(SRC, dir)).flatMap(impurities);
    expect([...new Set(bad)]).toEqual([]);
  });

  test('the check sees what it forbids (src/cli/main.ts, taken as if it were model code)', () => {
    const bad = impurities(path.join(SRC, 'cli/main.ts'));
    expect(bad).toContain('src/cli/failure.ts imports node:fs');
    expect(bad).toContain('src/cli/main.ts reaches src/cli/failure.ts (imported by src/cli/main.ts)');
    expect(bad.some((b) => / uses process\./.test(b))).toBe(true);
  });
});

test('src/ never imports tools/, nor finds files there at run time (lists every offender)', () => {
  const tools = path.join(REPO, 'tools') + path.sep;
  const bad = walk(SRC).flatMap((f) => {
    const imports = importsOf(f).filter((spec) => (resolve(f, spec) ?? path.resolve(path.dirname(f), spec)).startsWith(tools))
      .map((spec) => `${rel(f)} imports ${spec}`);
    const code = fs.readFileSync(f, 'utf8').replace(/^\s*\/\/.*$/gm, '').replace(/\bfrom\s*'[^']*'/g, '');
    const paths = [...code.matchAll(/'([^'\n]*\btools\/[^'\n]*)'/g)].map((m) => `${rel(f)} looks up '${m[1]}'`);
    return [...imports, ...paths];
  });
  expect(bad).toEqual([]);
});
