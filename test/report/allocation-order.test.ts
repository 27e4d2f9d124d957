// A replay's report on writes that overlapped in time: the end record counts them, and when the
// kernel's samples differ only in the fields the unseen allocation order decides, the report says
// so (text and JSON) as `record --check` does; bios in sequence, or a difference elsewhere, get no note.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Recorded, ZramEvent } from '../../src/events/types';
import { replaySession } from '../../src/replay/session';
import { makeTarget } from '../../src/replay/targets';
import { formatReport } from '../../src/report/text';
import { ev } from '../device/harness';
import {
  A, fullAt, moreOrig, overlapped, page, recorded, sequential, setup, write,
} from '../helpers/overlapping-writes';
import { tmpDir, writeLog } from '../log/helpers';

async function replayOf(events: Recorded<ZramEvent>[]) {
  const dir = tmpDir();
  const input = writeLog(dir, 'overlap.zlog', events);
  const outputs = path.join(dir, 'out.jsonl');
  const s = await replaySession({ input, knobs: {}, variant: 'claim', content: 'exact', every: 0, out: outputs,
    target: makeTarget('model', 'claim') });
  const lines = fs.readFileSync(outputs, 'utf8').trim().split('\n');
  return { report: s.report, end: JSON.parse(lines[lines.length - 1]).end, text: formatReport(s.report) };
}

describe('replay report: writes that overlapped in time', () => {
  test('only mem_used_total/max differ: the end record counts the overlap and the report explains it', async () => {
    const { report, end, text } = await replayOf(overlapped(fullAt()));
    expect(end.overlappingWrites).toBe(1);
    expect([report.kernel.samples, report.kernel.exact]).toEqual([1, 0]);
    expect(report.kernel).toMatchObject({ overlappingWrites: 1, allocationOrder: true });
    expect(text).toMatch(/note: 1 writes were queued while another was in flight; .* not in the trace/);
  });

  test('the same bios in sequence: exact, no count in the end record, no note', async () => {
    const { report, end, text } = await replayOf(sequential(fullAt()));
    expect(end).not.toHaveProperty('overlappingWrites');
    expect(report.kernel).toMatchObject({ samples: 1, exact: 1, overlappingWrites: 0, allocationOrder: false });
    expect(text).not.toMatch(/writes were queued/);
  });

  test('reads in flight beside a write are not counted; a write queued beside a write is', async () => {
    const events = [...setup(2), write(), ev.bio(300, 'read', 1, [], 1), ev.done(300), ev.done(A),
      ev.bio(301, 'write', 1, [page(5)]), ev.bio(302, 'read', 0, [], 1), ev.bio(303, 'write_zeroes', 3, [], 1),
      ev.done(301), ev.done(302), ev.done(303)];
    expect((await replayOf(recorded(events))).end.overlappingWrites).toBe(1);
  });

  test('a difference the order cannot make gets no note', async () => {
    const { report, text } = await replayOf(overlapped(fullAt(), moreOrig));
    expect(report.kernel).toMatchObject({ overlappingWrites: 1, allocationOrder: false });
    expect(text).not.toMatch(/writes were queued/);
  });
});
