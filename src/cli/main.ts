// CLI entry: the commands come from the one list in ./commands; only the command being run is
// loaded (commander too is loaded only past `-V`), and every failure ends in failure.ts.
import type { Command } from 'commander';
import { VERSION } from '../version';
import { COMMANDS, findCommand } from './commands';
import { failureOf } from './failure';

const DESCRIPTION = 'Event-sourced reference model of the Linux 6.18 zram block device and zsmalloc.\n' +
  'Replays blktrace traces, compares with the real kernel, records traces.';

/** The program's own words, before `--` (what follows belongs to `record`'s command). */
const ownArgs = (args: readonly string[]): readonly string[] => {
  const cut = args.indexOf('--');
  return cut < 0 ? args : args.slice(0, cut);
};

/** The command a command line runs (or asks help for): program options take no values. */
export function commandName(args: readonly string[]): string | undefined {
  const words = ownArgs(args).filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

async function buildProgram(name: string | undefined, setExit: (code: number) => void): Promise<Command> {
  const { Command: CommandClass, Help } = await import('commander');
  const program = new CommandClass('zram-ref')
    .description(DESCRIPTION)
    .version(VERSION, '-V, --version')
    .option('--debug', 'show the stack trace of an error')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const stubs = new Map<Command, string>();
  for (const c of COMMANDS) {
    if (c.name === name) (await c.load()).register(program, setExit);
    else stubs.set(program.command(c.name).description(c.summary), [c.name, c.usage].filter((w) => w !== '').join(' '));
  }
  const help = new Help();
  program.configureHelp({ subcommandTerm: (cmd) => stubs.get(cmd) ?? help.subcommandTerm(cmd) });
  return program;
}

let pipeGuard = false;
/** A reader that closes our stdout early (`| head`) ends the run quietly, like SIGPIPE would. */
function guardStdout(): void {
  if (pipeGuard) return;
  pipeGuard = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(failureOf(e).code);
    throw e;
  });
}

/** Runs one command line (argv as process.argv) and returns the exit status. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '-V' || args[0] === '--version')) {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  guardStdout();
  const name = commandName(args);
  let exitCode = 0;
  try {
    const program = await buildProgram(name, (c) => { exitCode = c; });
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      return (e as { exitCode: number }).exitCode === 0 ? 0 : 2; // help and version exit 0; usage errors 2
    }
    const f = failureOf(e);
    const prefix = findCommand(name ?? '') ? `zram-ref ${name}` : 'zram-ref';
    if (f.line !== null) process.stderr.write(`${prefix}: ${f.line}\n`);
    const stack = (e as Error | null)?.stack;
    if (ownArgs(args).includes('--debug') && typeof stack === 'string') process.stderr.write(`${stack}\n`);
    return f.code;
  }
}
