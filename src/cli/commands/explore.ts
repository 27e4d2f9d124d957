// `zram-ref explore SCENARIO [--variant V] [--diff V1 V2] [--reduce] [--json]`: every interleaving of a
// small scenario under one metadata-lifetime design, or the ones where two designs differ.
import type { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LIFETIME_NAMES } from '../../device/lifetime';
import { exploreKernel, type KernelOpts } from '../explore-kernel';
import { ScenarioError, explorationJson, explore, formatExploration, parseScenario } from '../../explore';

interface Opts {
  variant: string; diff?: string[]; reduce?: boolean; json?: boolean; kernel?: string; seed?: string; timeout?: string;
}

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('explore')
    .description('enumerate every interleaving of a scenario (scenarios/*.scn) under a metadata-lifetime design')
    .argument('<scenario>', 'scenario file')
    .option('--variant <name>', `design: ${LIFETIME_NAMES.join(', ')}`, 'claim')
    .option('--diff <variants...>', 'two designs: list the interleavings whose outcomes differ')
    .option('--reduce', 'partial-order reduction: the same outcomes and findings from far fewer states; ' +
      'counts are of the representative interleavings explored (one design only)')
    .option('--kernel <runs>', 'run the scenario RUNS times on a private zram device (root), one real thread per ' +
      'scenario thread, and check every observed outcome against what claim predicts (exit 1 if one is not)')
    .option('--seed <n>', 'with --kernel: the seed of the random start offsets and gaps (printed when not given)')
    .option('--timeout <ms>', 'with --kernel: how long one run may take before a call counts as stuck', '10000')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: Opts) => {
      const variants = opts.diff ?? [opts.variant];
      const bad = variants.find((v) => !(LIFETIME_NAMES as string[]).includes(v));
      if (bad || variants.length < 1 || variants.length > 2) {
        process.stderr.write(`zram-ref explore: ${bad ? `unknown variant '${bad}'` : '--diff takes two variants'} (known: ${LIFETIME_NAMES.join(', ')})\n`);
        return setExit(2);
      }
      if (opts.kernel !== undefined && (variants.length > 1 || variants[0] !== 'claim')) {
        process.stderr.write('zram-ref explore: --kernel checks the claim design (the one 6.18 runs); ' +
          'drop --variant/--diff\n');
        return setExit(2);
      }
      if (opts.reduce && variants.length > 1) {
        process.stderr.write('zram-ref explore: --reduce explores one design; drop --reduce or --diff\n');
        return setExit(2);
      }
      let text: string;
      try { text = fs.readFileSync(file, 'utf8'); } catch (e) {
        process.stderr.write(`zram-ref explore: cannot read ${file}: ${(e as Error).message}\n`);
        return setExit(2);
      }
      try {
        if (opts.kernel !== undefined) {
          return setExit(await exploreKernel(file, parseScenario(text, path.basename(file)), opts as KernelOpts));
        }
        const ex = explore(parseScenario(text, path.basename(file)), variants, undefined, undefined,
          opts.reduce === true ? 'reduced' : 'all');
        process.stdout.write(opts.json ? JSON.stringify(explorationJson(ex), null, 2) + '\n' : formatExploration(ex));
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        process.stderr.write(`zram-ref explore: ${file}:${e.message.replace(/^line /, '')}\n`);
        setExit(2);
      }
    });
}
