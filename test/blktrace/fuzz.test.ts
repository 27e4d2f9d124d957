// A few thousand fuzz cases (tools/blktrace/fuzz.ts runs 100,000): mutated real traces through
// decoder, blkparse emulation (file and pipe), latency and ingest. None may throw or take long.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mutate, Rng, runCase } from '../../tools/blktrace/fuzz-core';
import { REAL_TRACES } from './helpers';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_007);
const CASES = Number(process.env.FUZZ_CASES ?? 2000);

const corpus: Uint8Array[] = [];
for (const d of fs.readdirSync(REAL_TRACES)) {
  const dir = path.join(REAL_TRACES, d);
  if (!fs.statSync(dir).isDirectory()) continue;
  for (const f of fs.readdirSync(dir)) {
    if (/\.blktrace\.\d+$/.test(f) && fs.statSync(path.join(dir, f)).size > 0) corpus.push(new Uint8Array(fs.readFileSync(path.join(dir, f))));
  }
}

it(`fuzz: ${CASES} mutated traces, seed ${SEED} (rerun with FUZZ_SEED=${SEED})`, () => {
  const failures: string[] = [];
  let slowest = 0;
  for (let i = 0; i < CASES; i++) {
    const rng = new Rng(SEED ^ Math.imul(i + 1, 0x9e3779b1));
    const input = mutate(corpus, rng);
    const t = Date.now();
    try {
      runCase(input, mutate(corpus, rng), rng);
    } catch (e) {
      failures.push(`case ${i}: ${(e as Error).stack}`);
    }
    slowest = Math.max(slowest, Date.now() - t);
  }
  expect(failures).toEqual([]);
  expect(slowest).toBeLessThan(5000);
});
