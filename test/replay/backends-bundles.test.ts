// Every backend replays every committed bundle (traces/bundles/*) on the model under the
// all-backends profile (seven backends, 842 included): no failed read (every stored page
// decompressed back to its digest), no failed write unless the bundle set a mem_limit, a positive
// footprint, and the tier each backend claims. The default profile refuses the backends this
// kernel lacks, with exit 2.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXACTNESS } from '../../src/compress/tier';
import { ALL_COMP_ALGORITHMS } from '../../src/compress/types';
import type { CompareRow } from '../../src/report/compare-table';
import { runCli } from './cli-harness';

const ROOT = path.join(__dirname, '../../traces/bundles');
const BUNDLES = fs.readdirSync(ROOT).filter((d) => fs.existsSync(path.join(ROOT, d, 'manifest.json'))).sort();

describe('every backend on every committed bundle (kernel config all-backends)', () => {
  test.each(BUNDLES)('%s', async (b) => {
    const r = await runCli(['compare', path.join(ROOT, b), '--kernel-config', 'all-backends',
      '--all-algorithms', '--every', '0', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as CompareRow[];
    // a bundle recorded with a mem_limit may fail writes (ENOMEM) by design; reads never fail
    const limited = fs.readFileSync(path.join(ROOT, b, 'ops.jsonl'), 'utf8').includes('mem_limit');
    expect(rows.map((x) => x.algorithm)).toEqual([...ALL_COMP_ALGORITHMS]);
    for (const row of rows) {
      expect({ alg: row.algorithm, failedWrites: row.failedWrites, failedReads: row.failedReads })
        .toEqual({ alg: row.algorithm, failedWrites: limited ? row.failedWrites : 0, failedReads: 0 });
      expect(row.tier).toBe(EXACTNESS[row.algorithm as keyof typeof EXACTNESS].tier);
      expect(row.kernelConfig).toBe('all-backends');
      if (row.origToCompr !== null) expect(row.memUsedTotal).toBeGreaterThan(0);
    }
  });
});

describe('profiles on the command line', () => {
  const input = path.join(ROOT, BUNDLES[0]);
  test('the default profile refuses zstd with a hint, exit 2', async () => {
    const r = await runCli(['compare', input, '--config', 'alg=zstd']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--algorithm 'zstd': expected one of lzo-rle, lzo, lz4 .*--kernel-config all-backends/);
  });

  test('the default profile refuses 842; under all-backends 842 ignores level= (setup_params_842)', async () => {
    const r = await runCli(['compare', input, '--config', 'alg=842']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--algorithm '842': expected one of lzo-rle, lzo, lz4 .*--kernel-config all-backends/);
    const ok = await runCli(['compare', input, '--kernel-config', 'all-backends',
      '--config', 'alg=842', '--config', 'alg=842,params=level=9', '--config', 'alg=lz4', '--every', '0', '--json']);
    expect(ok.code).toBe(0);
    const [plain, leveled, lz4] = JSON.parse(ok.stdout) as CompareRow[];
    expect(plain.tier).toBe('approximate');
    expect(leveled.memUsedTotal).toBe(plain.memUsedTotal);
    expect(leveled.origToCompr).toBe(plain.origToCompr);
    expect(plain.origToCompr).not.toBe(lz4.origToCompr); // a different compressor, not a copy of lz4
  });

  test('dict= is refused with a clear message', async () => {
    const r = await runCli(['compare', input, '--kernel-config', 'all-backends',
      '--config', 'alg=zstd,params=dict=/etc/hostname']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dict= is not modelled/);
  });
});
