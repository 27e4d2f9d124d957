// Runs one of the replay/diff/compare commands in-process (under jest the CLI's command loader
// sees .ts files, so commands are registered here directly), capturing stdout and stderr.
import { Command } from 'commander';

export interface CliRun { code: number; stdout: string; stderr: string }

type Register = (program: Command, setExit: (code: number) => void) => void;

export async function runCommand(register: Register, args: string[]): Promise<CliRun> {
  let code = 0;
  const program = new Command('zram-ref').exitOverride();
  register(program, (c) => { code = c; });
  const out: string[] = [];
  const err: string[] = [];
  const so = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { out.push(String(s)); return true; });
  const se = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => { err.push(String(s)); return true; });
  try {
    await program.parseAsync(['node', 'zram-ref', ...args]);
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}
