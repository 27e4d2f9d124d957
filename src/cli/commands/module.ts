// What every command module exports (commands/index.ts lists them).
import type { Command } from 'commander';

export interface CliCommandModule {
  /** Adds the subcommand to `program`; its action passes the process exit code to setExit. */
  register(program: Command, setExit: (code: number) => void): void;
}
