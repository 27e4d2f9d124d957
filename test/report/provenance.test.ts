// The trust section reads the contract's `input` shape tolerantly: older inputs (no provenance)
// say nothing, malformed parts are left out instead of guessed, and each present part is shown.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { provenanceOf, hasProvenance } from '../../src/report/provenance';
import { trustPart } from '../../src/report/text';
import { trustRows } from '../../src/report/trust';
import { trustHtml } from '../../src/report/deviation-html';

const swap = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/report/provenance-swap.json'), 'utf8'));

describe('provenance in the report', () => {
  test.each([[undefined], [null], [{}], [{ queued: 5, contents: null, slotFrees: null, writeZeroes: null }]])(
    'an input without provenance (%j) gives no trust section', (input) => {
      const p = provenanceOf(input);
      expect(hasProvenance(p)).toBe(false);
      expect(trustRows(p)).toEqual([]);
      expect(trustPart({ input: input as never })).toBe('');
      expect(trustHtml(p)).toBe('');
    });

  test('the contract shape is read whole', () => {
    const p = provenanceOf({ queued: 1, ...swap });
    expect(p).toEqual(swap);
    expect(trustRows(p).map(([k]) => k))
      .toEqual(['contents', 'reasons', 'unknown pages', 'slot frees', 'slot-free check', 'write-zeroes']);
  });

  test('malformed parts are left out, not guessed; the others stay', () => {
    const p = provenanceOf({
      contents: { mode: 'captured', pages: { exact: 3, inferred: 'x', unknown: 0 } },
      slotFrees: { ...swap.slotFrees, checks: { samples: 2 } },
      writeZeroes: swap.writeZeroes,
    });
    expect(p).toEqual({ contents: null, slotFrees: null, writeZeroes: swap.writeZeroes });
  });

  test('optional parts: no reasons, no first disagreement, counts that are not numbers dropped', () => {
    const p = provenanceOf({ contents: { mode: 'captured', pages: { exact: 3, inferred: 1, unknown: 0 },
      reasons: { 'later-capture': 1, junk: 'x' } },
    slotFrees: { ...swap.slotFrees, checks: { samples: 4, agree: 4 } } });
    expect(p.contents!.reasons).toEqual({ 'later-capture': 1 });
    const rows = Object.fromEntries(trustRows(p));
    expect(rows.contents).toBe('captured (external writes read back): 4 pages: 3 exact (75.00%), ' +
      '1 inferred (25.00%), 0 unknown (0.00%)');
    expect(rows['slot-free check']).toBe("agree with the kernel's notify_free at 4/4 samples");
  });

  test('a workload recording: exact contents, in one row', () => {
    const p = provenanceOf({ contents: { mode: 'exact', pages: { exact: 10, inferred: 0, unknown: 0 }, reasons: {} } });
    expect(trustRows(p)).toEqual([['contents', 'exact contents (workload): all 10 pages exact']]);
  });
});
