// Skips are skips: a test that cannot run here (no kernel, no blkparse, no chromium, ...) is a
// jest skip whose title carries the reason, printed once on stderr, never a passing test.
const reported = new Set<string>();

function report(what: string, why: string): void {
  const line = `${what} skipped: ${why}`;
  if (reported.has(line)) return;
  reported.add(line);
  process.stderr.write(`${line}\n`);
}

/** describe() when `why` is null; otherwise describe.skip with the reason in its title. */
export function describeUnless(why: string | null, name: string, fn: () => void): void {
  if (why === null) { describe(name, fn); return; }
  report(name, why);
  describe.skip(`${name} (skipped: ${why})`, fn);
}

/** test() when `why` is null; otherwise test.skip with the reason in its title. */
export function testUnless(why: string | null, name: string, fn: () => unknown, timeout?: number): void {
  if (why === null) { test(name, fn as jest.ProvidesCallback, timeout); return; }
  report(name, why);
  test.skip(`${name} (skipped: ${why})`, () => undefined);
}

/** Why an executable is unusable here (null: found on PATH or at an absolute path). */
export function missingTool(name: string, installHint: string): string | null {
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  try {
    execFileSync('sh', ['-c', `command -v ${JSON.stringify(name)}`], { stdio: 'ignore' });
    return null;
  } catch {
    return `${name} is not installed (${installHint})`;
  }
}
