// Tying traced zsmalloc shrinker runs to the recorded device by its pages_compacted samples.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bindShrinkerRuns } from '../../src/ingest/shrinker-bind';
import { parseShrinkerTrace, type ShrinkerRun } from '../../src/record/shrinker-text';

const run = (ts: number, shrinker: string, freed: number): ShrinkerRun =>
  ({ ts: BigInt(ts), pid: 1, comm: 'x', shrinker, freeable: freed, totalScan: 2 * freed, freed });
const samples = (...pc: number[]) => pc.map((pagesCompacted, i) => ({ ts: BigInt(i * 100), pagesCompacted }));

describe('parseShrinkerTrace', () => {
  test('keeps zs_shrinker_scan runs, pairs start and end by pid + pointer across CPUs, counts the rest', () => {
    const text = fs.readFileSync(path.join(__dirname, '../record/fixtures/shrinker-trace.txt'), 'utf8');
    const p = parseShrinkerTrace(text);
    expect(p.runs).toEqual([
      { ts: 2307922499000n, pid: 4804, comm: 'bash', shrinker: '0000000098ca7efe', freeable: 384, totalScan: 768, freed: 384 },
      { ts: 2307922900000n, pid: 61, comm: 'kswapd0', shrinker: '00000000aa11bb22', freeable: 7, totalScan: 3, freed: 0 },
    ]);
    expect([p.unpaired, p.otherShrinkers]).toEqual([0, 1]);
  });

  test('an end without its start, or a start never ended, is counted as unpaired', () => {
    const text = fs.readFileSync(path.join(__dirname, '../record/fixtures/shrinker-trace.txt'), 'utf8').split('\n');
    const p = parseShrinkerTrace(text.filter((l) => !l.includes('2307.922499')).join('\n'));
    expect(p.runs.map((r) => r.pid)).toEqual([61]);
    expect(p.unpaired).toBe(1);
  });
});

describe('bindShrinkerRuns', () => {
  test('the pointer whose frees equal the growth of pages_compacted is the device\'s; others are left out', () => {
    const b = bindShrinkerRuns([run(50, 'mine', 7), run(60, 'other', 3), run(150, 'other', 2)], samples(0, 7, 7), []);
    expect([...b.ours]).toEqual(['mine']);
    expect(b.runs.map((r) => r.shrinker)).toEqual(['mine']);
    expect(b.foreign).toBe(2);
  });

  test('a compact store in the interval allows pages_compacted to grow more than the runs freed', () => {
    const b = bindShrinkerRuns([run(50, 'mine', 4)], samples(0, 9), [70n]);
    expect([...b.ours]).toEqual(['mine']);
    expect(bindShrinkerRuns([run(50, 'mine', 4)], samples(0, 9), []).ours.size).toBe(0);
  });

  test('runs that freed nothing bind no pointer; intervals across a reset (pages_compacted falls) are not compared', () => {
    expect(bindShrinkerRuns([run(50, 'p', 0)], samples(0, 0), []).ours.size).toBe(0);
    expect([...bindShrinkerRuns([run(50, 'p', 5), run(250, 'p', 1)], samples(0, 5, 0, 1), []).ours]).toEqual(['p']);
  });
});
