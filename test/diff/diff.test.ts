// diff: equal outputs exit 0; one injected field difference is found at its seq (exit 1);
// outputs of different inputs are named before diffing; bad files exit 2.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelImplementation } from '../../src/replay/model-implementation';
import { runCli } from '../replay/cli-harness';
import { replayToStrings } from '../replay/helpers';
import { smallSequence } from '../replay/small-sequence';

let dir: string;
let lines: string[];
const file = (name: string, content: string[]): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content.join('\n') + '\n');
  return p;
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-diff-'));
  lines = (await replayToStrings(new ModelImplementation(), smallSequence(), 10)).outputs.trim().split('\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of the outputs with one field of the record at line `i` changed. */
function inject(i: number, change: (rec: Record<string, Record<string, unknown>>) => void): string[] {
  const copy = [...lines];
  const rec = JSON.parse(copy[i]);
  change(rec);
  copy[i] = JSON.stringify(rec);
  return copy;
}

const lineOf = (pred: (r: Record<string, Record<string, unknown>>) => boolean, from = 0): number =>
  lines.findIndex((l, i) => i >= from && pred(JSON.parse(l)));

describe('zram-ref diff', () => {
  test('identical outputs: exit 0, EQUAL', async () => {
    const r = await runCli(['diff', file('a.jsonl', lines), file('b.jsonl', lines)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/EQUAL/);
  });

  test.each([
    ['a bio status', (r: Record<string, Record<string, unknown>>) => 'bio' in r && r.bio.op === 'read', 'bio.status', (r: Record<string, Record<string, unknown>>) => { r.bio.status = 'EIO'; }],
    ['a checkpoint counter', (r: Record<string, Record<string, unknown>>) => 'checkpoint' in r && r.checkpoint.reason === 'sample', 'checkpoint.stats.mmStat.comprDataSize',
      (r: Record<string, Record<string, unknown>>) => { (r.checkpoint.stats as { mmStat: { comprDataSize: number } }).mmStat.comprDataSize += 1; }],
  ])('%s changed in one record is found at its seq (exit 1)', async (_what, pick, field, change) => {
    const i = lineOf(pick, 10);
    const seq = JSON.parse(lines[i])[Object.keys(JSON.parse(lines[i]))[0]].seq;
    const r = await runCli(['diff', '--json', file('a.jsonl', lines), file('b.jsonl', inject(i, change))]);
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout);
    expect(rep.first).toMatchObject({ seq, field });
    expect(rep.first.a).not.toEqual(rep.first.b);
    expect(rep.first.before).toEqual(lines.slice(i - 3, i));
    expect(rep.fields).toEqual([{ field, count: 1, firstSeq: seq }]);
    const text = await runCli(['diff', path.join(dir, 'a.jsonl'), path.join(dir, 'b.jsonl')]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`first divergence at event ${seq}`);
  });

  test('checkpoint stats: each differing field B against A (absolute, %) per checkpoint, and the summary', async () => {
    type Stats = { mmStat: { origDataSize: number } };
    const i = lineOf((r) => 'checkpoint' in r && (r.checkpoint.stats as Stats).mmStat.origDataSize > 0);
    const rec = JSON.parse(lines[i]).checkpoint;
    const orig = rec.stats.mmStat.origDataSize;
    const changed = inject(i, (r) => { (r.checkpoint.stats as Stats).mmStat.origDataSize += orig / 2; });
    const r = await runCli(['diff', '--json', file('a.jsonl', lines), file('b.jsonl', changed)]);
    const stats = JSON.parse(r.stdout).stats;
    const n = lines.filter((l) => l.startsWith('{"checkpoint"')).length;
    expect(stats.summary).toEqual({ samples: n, exact: n - 1, within: [{ field: 'mm_stat.orig_data_size', pct: 50,
      atSeq: rec.seq }, { field: 'mm_stat.compr_data_size', pct: 0, atSeq: null }] });
    expect(stats.checkpoints).toHaveLength(n);
    expect(stats.checkpoints.find((c: { fields: unknown[] }) => c.fields.length > 0)).toEqual({ seq: rec.seq,
      tsNs: rec.tsNs, reason: rec.reason,
      fields: [{ field: 'mm_stat.orig_data_size', a: orig, b: orig * 1.5, diff: orig / 2, pct: 50 }] });
    const text = (await runCli(['diff', path.join(dir, 'a.jsonl'), path.join(dir, 'b.jsonl')])).stdout;
    expect(text).toContain(`stats at checkpoints: ${n - 1}/${n} checkpoints equal; orig_data_size within 50.00%, ` +
      'compr_data_size within 0.00% at every checkpoint');
    const row = `\\n  ${rec.seq} \\(${rec.reason}\\) +[\\d.]+ +\\+${orig / 2} \\(\\+50\\.0%\\)\\n`;
    expect(text).toMatch(new RegExp(row));
  });

  test('a missing record is reported as such', async () => {
    const i = lineOf((r) => 'bio' in r, 5);
    const cut = lines.filter((_, k) => k !== i);
    const r = await runCli(['diff', '--json', file('a.jsonl', lines), file('b.jsonl', cut)]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ onlyInA: 1, onlyInB: 0, first: { field: '<missing in B>' } });
  });

  test('outputs of different inputs are named before the diff', async () => {
    const other = inject(0, (r) => { r.header.inputDigest = 'sha256:0000'; });
    const r = await runCli(['diff', file('a.jsonl', lines), file('b.jsonl', other)]);
    expect(r.stdout.startsWith('warning: the outputs are of different inputs')).toBe(true);
    expect(r.code).toBe(1);
  });

  test('bad files exit 2: not outputs, unknown version, a broken line, missing file', async () => {
    const a = file('a.jsonl', lines);
    const cases: [string, RegExp][] = [
      [file('x.jsonl', ['{"nope":1}']), /first line is not a header|expected one of/],
      [file('v.jsonl', inject(0, (r) => { r.header.version = 99; })), /outputs version 99 is not supported/],
      [file('t.jsonl', [...lines.slice(0, 5), '{"bio":', ...lines.slice(5)]), /t\.jsonl:6: not JSON/],
      [path.join(dir, 'missing.jsonl'), /missing\.jsonl/],
    ];
    for (const [b, msg] of cases) {
      const r = await runCli(['diff', a, b]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });
});
