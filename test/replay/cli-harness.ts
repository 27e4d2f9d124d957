// Runs one zram-ref command line in-process through the CLI's own entry (src/cli/main.ts, which
// registers commands from the one list in src/cli/commands), capturing stdout and stderr.
import { main } from '../../src/cli/main';

export interface CliRun { code: number; stdout: string; stderr: string }

export async function runCli(args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const so = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { out.push(String(s)); return true; });
  const se = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => { err.push(String(s)); return true; });
  let code: number;
  try {
    code = await main(['node', 'zram-ref', ...args]);
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}
