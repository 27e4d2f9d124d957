// Test-suite conventions that keep skips honest and kernel tests apart (issue 9):
// - a test that needs the real kernel lives in a *.kernel.test.ts file and goes through the one
//   gate, describeKernel (test/helpers/kernel.ts -> kernelUnavailable()); no other file drives it;
// - a test that cannot run here is skipped through test/helpers/skip.ts, whose titles carry the
//   reason; no hand-made `.skip` and no "skipped" test that passes.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname);

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' || e.name === 'golden' ? [] : testFiles(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** What marks a file as driving the real kernel (zram devices or tracefs). */
const KERNEL_MARKS = [/\bdescribeKernel\(/, /\bKernelZram\b/, /\/sys\/class\/zram-control/, /\baddZram\(/, /\bhotAdd\(/,
  /\bstartRecorder\(/, /new FtraceBlkSession\(/, /\/sys\/kernel\/tracing/];

const files = testFiles(ROOT).map((f) => ({ rel: path.relative(ROOT, f), text: fs.readFileSync(f, 'utf8') }));

describe(`test-suite conventions (${files.length} test files)`, () => {
  test('kernel tests are *.kernel.test.ts files, and every one goes through describeKernel', () => {
    const misplaced = files.filter((f) => !f.rel.endsWith('.kernel.test.ts') && f.rel !== 'conventions.test.ts' && KERNEL_MARKS.some((m) => m.test(f.text)))
      .map((f) => `${f.rel}: drives the kernel but is not named *.kernel.test.ts`);
    const ungated = files.filter((f) => f.rel.endsWith('.kernel.test.ts') && !/\bdescribeKernel\(/.test(f.text))
      .map((f) => `${f.rel}: not gated by describeKernel`);
    expect([...misplaced, ...ungated]).toEqual([]);
    expect(files.filter((f) => f.rel.endsWith('.kernel.test.ts')).length).toBeGreaterThan(0);
  });

  test('no hand-made skips: every skip goes through test/helpers/skip.ts and names its reason', () => {
    const bad = files.flatMap((f) => f.text.split('\n').map((line, i) => ({ f, line, n: i + 1 })))
      .filter(({ f, line }) => !f.rel.endsWith('conventions.test.ts') &&
        (/\b(describe|it|test)\.skip\b/.test(line) || /\b(it|test)\(\s*[`'"]skipped/.test(line) || /return console\.(warn|log)\(/.test(line)))
      .map(({ f, line, n }) => `${f.rel}:${n}: ${line.trim()}`);
    expect(bad).toEqual([]);
  });
});
