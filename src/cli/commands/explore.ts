// `zram-ref explore SCENARIO [--variant V] [--diff V1 V2] [--json]`: every interleaving of a
// small scenario under one metadata-lifetime design, or the ones where two designs differ.
import type { Command } from 'commander';
import { SCENARIO_MAX_BYTES } from '../../input/limits';
import { readRegular } from '../../input/read-bounded';
import * as path from 'node:path';
import { LIFETIME_NAMES } from '../../device/lifetime';
import { ScenarioError, explorationJson, explore, formatExploration, parseScenario } from '../../explore';

interface Opts { variant: string; diff?: string[]; json?: boolean }

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('explore')
    .description('enumerate every interleaving of a scenario (scenarios/*.scn) under a metadata-lifetime design')
    .argument('<scenario>', 'scenario file')
    .option('--variant <name>', `design: ${LIFETIME_NAMES.join(', ')}`, 'claim')
    .option('--diff <variants...>', 'two designs: list the interleavings whose outcomes differ')
    .option('--json', 'machine-readable output')
    .action((file: string, opts: Opts) => {
      const variants = opts.diff ?? [opts.variant];
      const bad = variants.find((v) => !(LIFETIME_NAMES as string[]).includes(v));
      if (bad || variants.length < 1 || variants.length > 2) {
        process.stderr.write(`zram-ref explore: ${bad ? `unknown variant '${bad}'` : '--diff takes two variants'} (known: ${LIFETIME_NAMES.join(', ')})\n`);
        return setExit(2);
      }
      let text: string;
      try { text = readRegular(file, SCENARIO_MAX_BYTES).toString('utf8'); } catch (e) {
        process.stderr.write(`zram-ref explore: ${(e as Error).message}\n`);
        return setExit(2);
      }
      try {
        const ex = explore(parseScenario(text, path.basename(file)), variants);
        process.stdout.write(opts.json ? JSON.stringify(explorationJson(ex), null, 2) + '\n' : formatExploration(ex));
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        process.stderr.write(`zram-ref explore: ${file}:${e.message.replace(/^line /, '')}\n`);
        setExit(2);
      }
    });
}
