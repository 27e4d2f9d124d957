// An error no command expected (a bug) is one line naming it as internal, exit 70; --debug adds
// the stack. The demo command is replaced by one that fails the way a missing field would.
import type { Command } from 'commander';
import { EXIT_INTERNAL } from '../../src/cli/failure';
import { runCli } from '../replay/cli-harness';

jest.mock('../../src/cli/commands/demo', () => ({
  register: (program: Command) => program.command('demo').option('--bundles <dir>').action(() => {
    const manifest = {} as { capture?: { traceName: string } };
    process.stdout.write(manifest.capture!.traceName);
  }),
}));

test('an unexpected TypeError: one internal-error line, exit 70, no stack', async () => {
  const r = await runCli(['demo']);
  expect(r).toEqual({ code: EXIT_INTERNAL, stdout: '',
    stderr: "zram-ref demo: internal error: Cannot read properties of undefined (reading 'traceName') (run with --debug for the stack)\n" });
});

test('--debug (before or after the command) adds the stack', async () => {
  for (const args of [['--debug', 'demo'], ['demo', '--debug']]) {
    const r = await runCli(args);
    expect(r.code).toBe(EXIT_INTERNAL);
    expect(r.stderr).toMatch(/^zram-ref demo: internal error: Cannot read properties .*\nTypeError: .*\n\s+at /);
  }
});
