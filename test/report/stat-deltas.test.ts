// Per-sample deviations: which fields differ, by how much (absolute, % of the reference), the
// summary's worst orig/compr_data_size deviation over every sample, and the compact table.
import { statSet, STAT_COLUMNS, columnLabel } from '../../src/device/stat-columns';
import { deltaCell, deltaTable } from '../../src/report/delta-table';
import { DeviationTracker, pctOf, statDeltas, summaryLine } from '../../src/report/stat-deltas';

const base = statSet(() => 1000);
const withField = (label: string, v: number) => statSet((c) => (columnLabel(c) === label ? v : 1000));

describe('stat deltas', () => {
  test('only differing fields, in the stat table order, diff = model - kernel, % of the kernel', () => {
    const model = statSet((c) => (c.name === 'write_ios' ? 1010 : c.name === 'orig_data_size' ? 500 : 1000));
    expect(statDeltas(model, base)).toEqual([
      { field: 'mm_stat.orig_data_size', model: 500, kernel: 1000, diff: -500, pct: -50 },
      { field: 'stat.write_ios', model: 1010, kernel: 1000, diff: 10, pct: 1 },
    ]);
    expect(statDeltas(base, base)).toEqual([]);
  });

  test('a % of a zero reference is null, not Infinity', () => {
    expect(pctOf(5, 0)).toBeNull();
    expect(pctOf(1, 3)).toBe(33.3333);
    expect(statDeltas(withField('mm_stat.same_pages', 3), withField('mm_stat.same_pages', 0))[0].pct).toBeNull();
  });

  test('the tracker keeps the largest |%| per bounded field and where; a zero reference makes it unbounded', () => {
    const t = new DeviationTracker();
    t.add(1, []);
    t.add(2, statDeltas(withField('mm_stat.orig_data_size', 1005), base));
    t.add(3, statDeltas(withField('mm_stat.orig_data_size', 980), base));
    t.add(4, statDeltas(withField('mm_stat.orig_data_size', 1001), base));
    const s = t.result();
    expect(s).toMatchObject({ samples: 4, exact: 1 });
    expect(s.within).toEqual([{ field: 'mm_stat.orig_data_size', pct: 2, atSeq: 3 },
      { field: 'mm_stat.compr_data_size', pct: 0, atSeq: null }]);
    expect(summaryLine(s))
      .toBe('1/4 samples exact; orig_data_size within 2.00%, compr_data_size within 0.00% at every sample');
    t.add(5, statDeltas(withField('mm_stat.compr_data_size', 7), withField('mm_stat.compr_data_size', 0)));
    t.add(6, statDeltas(withField('mm_stat.compr_data_size', 2000), base));
    expect(summaryLine(t.result())).toBe('1/6 samples exact; orig_data_size within 2.00% at every sample; ' +
      "compr_data_size differs where the kernel's is 0 (at event 5)");
  });

  test('cells: signed diff and a % of three figures at most; tiny, zero-reference and text-only cases', () => {
    expect(deltaCell({ diff: 163840, pct: 266.6667 })).toBe('+163840 (+267%)');
    expect(deltaCell({ diff: -42, pct: -2.7027 })).toBe('-42 (-2.70%)');
    expect(deltaCell({ diff: 4, pct: 23.5294 })).toBe('+4 (+23.5%)');
    expect(deltaCell({ diff: -1, pct: -0.0001 })).toBe('-1 (-<0.01%)');
    expect(deltaCell({ diff: 3, pct: null })).toBe('+3 (from 0)');
    expect(deltaCell({ diff: NaN, pct: null })).toBe('text');
  });

  test('the table: one row per differing sample, columns in table order, capped with a count', () => {
    const rows = [1, 2, 3].map((seq) => ({ seq, tsNs: seq * 1e6, fields: seq === 2 ? [] : [
      { field: 'stat.write_ios', diff: seq, pct: seq / 10 },
      { field: 'mm_stat.compr_data_size', diff: -seq, pct: -1 }] }));
    const text = deltaTable(rows, { diff: 'model - kernel', reference: 'the kernel', maxRows: 1, total: 2 });
    const lines = text.trimEnd().split('\n');
    expect(lines[0])
      .toBe('  differing fields (mm_stat: compr_data_size; stat: write_ios); cells: model - kernel (% of the kernel)');
    expect(lines[1]).toMatch(/^ {2}after event +ms +compr_data_size +write_ios$/);
    expect(lines[2]).toMatch(/^ {2}1 +1\.000 +-1 \(-1\.00%\) +\+1 \(\+0\.10%\)$/);
    expect(lines[3]).toBe('  ... 1 more differing samples (every one in --json)');
    expect(lines).toHaveLength(4);
    expect(deltaTable([{ seq: 1, tsNs: 0, fields: [] }], { diff: '', reference: '', maxRows: 5 })).toBe('');
  });

  test('every column of the stat table can be reported', () => {
    for (const c of STAT_COLUMNS) {
      expect(statDeltas(withField(columnLabel(c), 1001), base).map((d) => d.field)).toEqual([columnLabel(c)]);
    }
  });
});
