// `zram-ref diff A B`: compare two outputs files. Exit 0 equal, 1 different, 2 bad input.
import type { Command } from 'commander';
import { diffOutputs, formatDiff, formatInputCheck, sideInfo, type DiffSide } from '../../diff';
import { OutputsFormatError } from '../../replay/outputs';
import { readOutputs, type OutputsStream } from '../../replay/read-outputs';

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('diff')
    .description('compare two replay outputs files: first divergence and a per-field summary (exit 0 equal, 1 different, 2 bad input)')
    .argument('<a>', 'outputs file A')
    .argument('<b>', 'outputs file B')
    .option('--json', 'print the diff report as JSON')
    .action(async (a: string, b: string, opts: { json?: boolean }) => setExit(await runDiff(a, b, opts.json === true)));
}

async function runDiff(fileA: string, fileB: string, json: boolean): Promise<number> {
  const opened: OutputsStream[] = [];
  try {
    opened.push(await readOutputs(fileA));
    opened.push(await readOutputs(fileB));
    const [A, B]: DiffSide[] = opened.map((s, i) => ({ name: i === 0 ? fileA : fileB, header: s.header, records: s.records }));
    if (!json) process.stdout.write(formatInputCheck(sideInfo(A), sideInfo(B)));
    const r = await diffOutputs(A, B);
    process.stdout.write(json ? JSON.stringify(r, null, 2) + '\n' : formatDiff(r));
    return r.equal ? 0 : 1;
  } catch (e) {
    if (e instanceof OutputsFormatError) {
      process.stderr.write(`zram-ref diff: ${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    for (const s of opened) s.close();
  }
}
