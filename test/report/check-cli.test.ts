// `record --check` through the CLI: the text is the report's deviation view, --json carries every
// sample with diff and %, the summary and the provenance (input); exit codes are unchanged.
import { runCli } from '../replay/cli-harness';

const EXT4 = 'traces/bundles/ext4-fstrim';

describe('record --check output', () => {
  test('text: the summary line, then one row per differing sample (approximate bundle: exit 0)', async () => {
    const r = await runCli(['record', '--check', EXT4]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`[approximate] ${EXT4}: 1/12 samples exact; orig_data_size within 266.67%, ` +
      'compr_data_size within 1307.33% at every sample; 0 events rejected');
    expect(lines.filter((l) => /^ {2}\d+ +\d+\.\d{3} /.test(l))).toHaveLength(11);
    // the trust section is there exactly when ingest gives the bundle's provenance (--json's input)
    const input = JSON.parse((await runCli(['record', '--check', EXT4, '--json'])).stdout).input;
    expect(r.stdout.includes('How far to trust this recording')).toBe(Object.values(input).some((v) => v !== null));
  });

  test('--json: every sample, each deviation with diff and %; the summary; the input section', async () => {
    const j = JSON.parse((await runCli(['record', '--check', EXT4, '--json'])).stdout);
    expect(j.checks).toHaveLength(12);
    expect(j.summary).toEqual({ samples: 12, exact: 1, within: [
      { field: 'mm_stat.orig_data_size', pct: 266.6667, atSeq: 137 },
      { field: 'mm_stat.compr_data_size', pct: 1307.3298, atSeq: 137 }] });
    expect(j.checks[1].deviations[0]).toEqual({ file: 'mm_stat', field: 'orig_data_size', kernel: 61440, model: 225280,
      diff: 163840, pct: 266.6667 });
    expect(Object.keys(j.input)).toEqual(['contents', 'slotFrees', 'writeZeroes']);
  });

  test('an exact bundle: every sample exact, within 0% (exit 0)', async () => {
    const r = await runCli(['record', '--check', 'traces/bundles/mem-limit']);
    expect(r.code).toBe(0);
    expect(r.stdout)
      .toMatch(/^\[exact\] .*: (\d+)\/\1 samples exact; orig_data_size within 0\.00%, compr_data_size within 0\.00% /);
  });
});
