// Bad input stops a replay with a clear message (exit 2) and leaves no outputs behind.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Recorded, ZramEvent } from '../../src/events/types';
import { runCli } from './cli-harness';
import { writeLog } from './log-file';
import { smallSequence } from './small-sequence';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-bad-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The small sequence with the contents of its 3rd write bio removed. */
function withoutContent(): { events: Recorded<ZramEvent>[]; bioId: number } {
  const events = smallSequence();
  const writes = events.filter((r) => r.event.type === 'BioQueued' && r.event.op === 'write');
  const victim = writes[2];
  const ev = victim.event as Extract<ZramEvent, { type: 'BioQueued' }>;
  events[victim.seq] = { ...victim, event: { ...ev, pages: [] } };
  return { events, bioId: ev.bioId };
}

async function replayExpectingBadInput(args: string[], message: RegExp): Promise<void> {
  const out = path.join(dir, 'out.jsonl');
  const before = fs.readdirSync(dir).sort();
  const r = await runCli(['replay', ...args, '-o', out]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(fs.existsSync(out)).toBe(false);
  expect(fs.readdirSync(dir).sort()).toEqual(before); // no temporary file left either
}

describe('replay refuses bad input', () => {
  test('a write with no content names the bio, unless --content supplies pages', async () => {
    const { events, bioId } = withoutContent();
    const log = path.join(dir, 'nocontent.zlog');
    writeLog(log, events);
    await replayExpectingBadInput([log], new RegExp(`bio ${bioId} .*write with no content`));
    const ok = await runCli(['replay', log, '--content', 'synthetic:text:1,zeros:1']);
    expect(ok.code).toBe(0);
  });

  test('bios outside the disksize (a --disksize what-if that is too small)', async () => {
    const log = path.join(dir, 'small.zlog');
    writeLog(log, smallSequence());
    await replayExpectingBadInput([log, '--disksize', '64K'], /outside the disksize 65536/);
  });

  test('a file that is not an event log', async () => {
    const f = path.join(dir, 'junk.bin');
    fs.writeFileSync(f, Buffer.from('this is not a log at all, just some text\n'.repeat(10)));
    await replayExpectingBadInput([f], /not a zram-ref event log/);
  });

  test('a log damaged in the middle (one flipped byte): found by the one read, nothing written', async () => {
    const log = path.join(dir, 'flipped.zlog');
    writeLog(log, smallSequence());
    const data = fs.readFileSync(log);
    data[Math.floor(data.length * 0.75)] ^= 0x10;
    fs.writeFileSync(log, data);
    await replayExpectingBadInput([log], /flipped\.zlog: not a zram-ref event log .*bad log record at byte \d+/);
  });

  test('a bare blktrace trace without --content, a truncated one, an unknown bundle version, an empty directory', async () => {
    const t = path.join(dir, 'dev.blktrace.0');
    fs.writeFileSync(t, Buffer.from([0x07, 0x74, 0x61, 0x65, 0, 0, 0, 0]));
    await replayExpectingBadInput([t], /bare blktrace trace carries no page contents/);
    await replayExpectingBadInput([t, '--content', 'synthetic:text:1'], /dev\.blktrace\.0|no bios|truncated/);
    fs.unlinkSync(t);
    const b = path.join(dir, 'bundle');
    fs.mkdirSync(b);
    fs.writeFileSync(path.join(b, 'manifest.json'), JSON.stringify({ format: 'zram-ref-record-bundle', formatVersion: 99, status: 'ok' }));
    await replayExpectingBadInput([b], /v99, expected zram-ref-record-bundle v1/);
    fs.unlinkSync(path.join(b, 'manifest.json'));
    await replayExpectingBadInput([b], /neither a record bundle nor holds exactly one blktrace trace/);
    fs.rmdirSync(b);
  });

  test('a missing input, a bad --content, a bad --every and a missing device as target', async () => {
    const log = path.join(dir, 'small2.zlog');
    writeLog(log, smallSequence());
    await replayExpectingBadInput([path.join(dir, 'nope.zlog')], /no such file/);
    await replayExpectingBadInput([log, '--content', 'synthetic:nonsense:1'], /unknown page kind/);
    await replayExpectingBadInput([log, '--content', 'magic'], /expected exact, synthetic:SPEC or image:FILE/);
    await replayExpectingBadInput([log, '--every', '-3'], /--every/);
    await replayExpectingBadInput([log, '--target', '/dev/zram999'], /zram999 does not exist|needs the real zram device/);
    await replayExpectingBadInput([log, '--variant', 'nonsense'], /--variant: unknown metadata lifetime variant 'nonsense'/);
    await replayExpectingBadInput([log, '--algorithm', 'zstd9'], /--algorithm 'zstd9': expected one of lzo-rle/);
  });
});
