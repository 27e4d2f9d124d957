// `npm run conformance -- --ops 20000 --seed N --alg lz4|lzo|lzo-rle [--against model|kernel]`
// Runs the lock-step harness: the model (default) or a second kernel device against a
// private kernel zram device. Exit code 0 = no mismatch, 1 = mismatch, 2 = could not run.
import { Command, InvalidArgumentError, Option } from 'commander';
import { COMP_ALGORITHMS, CompAlgorithm } from '../../src/compress/types';
import { DevicePair, openPair, Pairing } from './devices';
import { formatMismatch, runLockstep } from './lockstep';

function intArg(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

interface Options {
  ops: number;
  seed?: number;
  alg: CompAlgorithm;
  against: Pairing;
}

async function main(): Promise<number> {
  const program = new Command('conformance')
    .description('lock-step conformance: model (or a second kernel device) vs a private kernel zram device')
    .option('--ops <n>', 'operations to run', intArg, 20000)
    .option('--seed <n>', 'generator seed (default: derived from the clock, printed)', intArg)
    .addOption(new Option('--alg <name>', 'primary compression algorithm').choices([...COMP_ALGORITHMS]).default('lz4'))
    .addOption(new Option('--against <what>', 'device B').choices(['model', 'kernel']).default('model'))
    .parse(process.argv);
  const o = program.opts<Options>();
  const seed = o.seed ?? Date.now() % 2147483647;
  let pair: DevicePair;
  try {
    pair = await openPair(o.against);
  } catch (e) {
    process.stderr.write(`conformance: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    process.stdout.write(`conformance: seed=${seed} ops=${o.ops} alg=${o.alg}: ${pair.names[0]} vs ${pair.names[1]}\n`);
    const t0 = Date.now();
    const result = await runLockstep(pair.a, pair.b, {
      seed, ops: o.ops, alg: o.alg,
      onProgress: (n) => process.stdout.write(`  ${n} ops, ${((Date.now() - t0) / 1000).toFixed(1)} s\n`),
    });
    if (result.mismatch) {
      process.stdout.write(formatMismatch(result.mismatch, pair.names) + '\n');
      process.stdout.write(`rerun: npm run conformance -- --seed ${seed} --ops ${result.steps} --alg ${o.alg} --against ${o.against}\n`);
      return 1;
    }
    process.stdout.write(`OK: ${result.steps} ops, 0 mismatches (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    process.stdout.write(`ops: ${JSON.stringify(result.opCounts)}\nerrnos: ${JSON.stringify(result.errnoCounts)}\n`);
    process.stdout.write(`coverage: ${JSON.stringify(result.coverage)}\n`);
    return 0;
  } finally {
    await pair.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(2);
  },
);
