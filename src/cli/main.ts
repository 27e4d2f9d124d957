// CLI entry: every file in ./commands registers one subcommand, so commands stay independent.
import { Command, CommanderError } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VERSION } from '../version';

export interface CliCommandModule {
  /** Adds the subcommand to `program`; its action resolves to the process exit code. */
  register(program: Command, setExit: (code: number) => void): void;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('zram-ref')
    .description('Event-sourced reference model of the Linux 6.18 zram block device and zsmalloc.\n' +
      'Replays blktrace traces, compares with the real kernel, records traces.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const dir = path.join(__dirname, 'commands');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  for (const f of files.filter((n) => /\.js$/.test(n)).sort()) {
    (require(path.join(dir, f)) as CliCommandModule).register(program, (c) => { exitCode = c; });
  }
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  return exitCode;
}
