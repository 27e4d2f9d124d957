// compare: one input under several configurations, one row each.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCompareConfig } from '../../src/replay/compare-config';
import { runCli } from './cli-harness';
import { writeLog } from './log-file';
import { smallSequence } from './small-sequence';

let dir: string;
let log: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-compare-'));
  log = path.join(dir, 'small.zlog');
  writeLog(log, smallSequence());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('compare', () => {
  test('config specs become knobs', () => {
    expect(parseCompareConfig('alg=lz4,level=1')).toEqual({ label: 'alg=lz4,level=1', knobs: { algorithm: 'lz4', params: 'level=1' } });
    expect(parseCompareConfig('alg=lzo, mem_limit=2M').knobs).toEqual({ algorithm: 'lzo', memLimit: '2M' });
    expect(() => parseCompareConfig('speed=fast')).toThrow(/not KEY=VALUE with KEY one of/);
  });

  test('one row per configuration; algorithms differ in compressed size, a tight mem_limit in failures', async () => {
    const r = await runCli(['compare', log, '--json', '--config', 'alg=lz4,level=1', '--config', 'alg=lz4,level=8',
      '--config', 'alg=lzo', '--config', 'alg=lzo-rle', '--config', 'alg=lz4,mem_limit=48K']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { config: string; origToCompr: number; failedWrites: number }[];
    expect(rows.map((x) => x.config)).toEqual(['alg=lz4,level=1', 'alg=lz4,level=8', 'alg=lzo', 'alg=lzo-rle', 'alg=lz4,mem_limit=48K']);
    expect(new Set(rows.slice(0, 4).map((x) => x.origToCompr.toFixed(6))).size).toBeGreaterThan(1);
    expect(rows[4].failedWrites).toBeGreaterThan(rows[0].failedWrites);
    const text = await runCli(['compare', log, '--config', 'alg=lzo']);
    expect(text.stdout.split('\n')[0]).toMatch(/^ {2}config +tier +orig\/compr/);
  });

  test('a bad config exits 2', async () => {
    const r = await runCli(['compare', log, '--config', 'nonsense']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--config 'nonsense'/);
  });
});
