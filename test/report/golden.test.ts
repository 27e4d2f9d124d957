// Golden report (text and JSON) of the small deterministic sequence replayed on the model.
// Regenerate with UPDATE_GOLDEN=1 after an intended change, and review the diff.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportBuilder, formatReport, jsonReport } from '../../src/report';
import { ModelImplementation } from '../../src/replay/model-implementation';
import { replayToStrings } from '../replay/helpers';
import { smallSequence } from '../replay/small-sequence';

const FIXTURES = path.join(__dirname, '../fixtures/replay');

async function smallReport() {
  const { records } = await replayToStrings(new ModelImplementation(), smallSequence(), 10);
  const b = new ReportBuilder();
  records.forEach((r) => b.add(r));
  return b.build();
}

function golden(name: string, actual: string): void {
  const file = path.join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

describe('replay report goldens (small sequence, model)', () => {
  test('text report', async () => golden('small.report.txt', formatReport(await smallReport())));
  test('JSON report', async () => golden('small.report.json', jsonReport(await smallReport())));

  test('the report shows the perturbed kernel sample as the one difference', async () => {
    const r = await smallReport();
    expect(r.kernel.samples).toBe(4);
    expect(r.kernel.exact).toBe(3);
    expect(r.kernel.fields.filter((f) => f.mismatches > 0)).toEqual([
      { field: 'mm_stat.mem_used_max', mismatches: 1, maxAbsDiff: 4096, firstSeq: r.kernel.rows[2].seq }]);
  });
});
