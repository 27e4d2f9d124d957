// `zram-ref demo` (what `npm start` runs): the main job. Every recorded bundle in traces/bundles
// replayed on the model and, as root with /sys/class/zram-control, on a private real zram
// device; prints the summary table, the model-vs-device diff and the first bundle's report
// (--json: every bundle's report, in replay --json's shape, and its model-vs-device result).
import type { Command } from 'commander';
import * as path from 'node:path';
import { BadInputError } from '../../replay/bad-input';
import { runMainJob, type MainJobResult } from '../../replay/main-job';

const DEFAULT_BUNDLES = path.join(__dirname, '..', '..', '..', '..', 'traces', 'bundles');

export const demoJson = (r: MainJobResult): string => JSON.stringify({
  ok: r.ok,
  realDevice: r.realDeviceSkipped === null ? 'used' : `skipped: ${r.realDeviceSkipped}`,
  bundles: r.rows.map((row) => ({ bundle: row.bundle, modelVsDevice: row.device, report: row.report })),
}, null, 2) + '\n';

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('demo')
    .description('the main job: replay the bundled real traces on the model (and on a private real zram device when root) and print the report')
    .option('--bundles <dir>', 'directory of record bundles', DEFAULT_BUNDLES)
    .option('--no-kernel', 'replay on the model only, even as root')
    .option('--json', 'print every bundle\'s report (as replay --json) and its model-vs-device result as JSON')
    .addHelpText('after', '\nExit status: 0 when every replay agrees with the kernel, 1 when a model-vs-device diff differs, 2 on bad input.')
    .action(async (opts: { bundles: string; kernel: boolean; json?: boolean }) => {
      const log = (line: string) => { if (process.stderr.isTTY) process.stderr.write(line + '\n'); };
      const r = await runMainJob({ bundlesDir: opts.bundles, kernel: opts.kernel, log });
      if (r.rows.length === 0) {
        throw new BadInputError(`--bundles ${opts.bundles}: no record bundles (directories with a manifest.json)`);
      }
      process.stdout.write(opts.json ? demoJson(r) : r.text);
      setExit(r.ok ? 0 : 1);
    });
}
