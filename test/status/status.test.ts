// zramctl's formatting rules (sizes as util-linux's size_to_human_string prints them), and the
// model's status and size-class table after a replay of a committed bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ZramDevice } from '../../src/device/zram-device';
import { ModelImplementation } from '../../src/replay/model-implementation';
import { replaySession } from '../../src/replay/session';
import { formatTable, humanSize, parseColumns, type StatusRow } from '../../src/status/columns';
import { formatClassStats } from '../../src/zsmalloc/class-stats';
import { runCli } from '../replay/cli-harness';

const BUNDLE = path.join(__dirname, '../../traces/bundles/seqwrite');
const GOLDEN = path.join(__dirname, '../fixtures/status/seqwrite.classes.txt');

describe('zramctl formatting', () => {
  test.each([[0, '0B'], [1023, '1023B'], [1024, '1K'], [1536, '1.5K'], [67108864, '64M'], [2146364, '2M'],
    [32784384, '31.3M'], [1048575, '1024K'], [3 * 2 ** 30 + 2 ** 29, '3.5G']])('humanSize(%d) = %s', (b, s) => {
    expect(humanSize(b)).toBe(s);
  });

  test('numbers right-aligned, text left, the last text column unpadded, one space between', () => {
    const row: StatusRow = { name: '/dev/zram1', algorithm: 'lz4', disksize: 64 << 20, data: 5, compr: 4, total: 8192,
      streams: null,      zeroPages: 0, memLimit: 0, memUsed: 0, migrated: 0, mountpoint: '' };
    expect(formatTable([row], parseColumns(undefined), { bytes: false, headings: true })).toBe(
      'NAME       ALGORITHM DISKSIZE  DATA COMPR TOTAL STREAMS MOUNTPOINT\n' +
      '/dev/zram1 lz4            64M    5B    4B    8K         \n'); // DATA: zramctl's minimum width 5
    expect(() => parseColumns('NAME,BOGUS')).toThrow('unknown column: BOGUS');
    expect(parseColumns('+migrated').map((c) => c.name).slice(-1)).toEqual(['MIGRATED']);
  });
});

describe('status --replay (model) and the size-class table', () => {
  test('the row is the final mm_stat of the replay', async () => {
    const r = await runCli(['status', '--replay', BUNDLE, '--bytes', '--raw', '--output-all']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('NAME DISKSIZE DATA COMPR ALGORITHM STREAMS ZERO-PAGES TOTAL MEM-LIMIT MEM-USED MIGRATED ' +
      'MOUNTPOINT\n' +
      'model:seqwrite 16777216 4194304 2146364 lz4  122 3588096 0 3588096 0 \n');
  }, 30_000);

  test('classes: golden text; totals agree with mm_stat (pages used, objects = stored non-same pages)', async () => {
    const impl = new ModelImplementation();
    await replaySession({ input: BUNDLE, knobs: {}, variant: 'claim', content: 'exact', every: 0,
      target: async () => impl });
    const rows = impl.deviceState.pool!.classStats();
    const text = formatClassStats(rows);
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(GOLDEN, text);
    expect(text).toBe(fs.readFileSync(GOLDEN, 'utf8'));
    const o = impl.observe().mmStat;
    const sum = (f: (x: (typeof rows)[number]) => number) => rows.reduce((n, x) => n + f(x), 0);
    expect(sum((x) => x.pagesUsed) * 4096).toBe(o.memUsedTotal);
    expect(sum((x) => x.objUsed)).toBe(o.origDataSize / 4096 - o.samePages);
    expect(rows).toHaveLength(119); // every distinct class, as debugfs prints them
    for (const x of rows) {
      expect(x.fullness.reduce((a, b) => a + b, 0) * x.pagesPerZspage).toBeLessThanOrEqual(x.pagesUsed);
    }
  }, 30_000);

  test("ZramDevice.show('classes'): ENOENT before the pool exists, the table after", () => {
    const d = new ZramDevice();
    expect(() => d.show('classes')).toThrow(/ENOENT|classes/);
    d.store('disksize', String(1 << 20));
    const fd = d.open();
    d.write(0, new Uint8Array(4096).map((_, i) => (i * 31) & 0xff));
    d.close(fd);
    const t = d.show('classes');
    const head = /^ class  size +10% .* obj_allocated +obj_used pages_used pages_per_zspage freeable$/;
    expect(t.split('\n')[0]).toMatch(head);
    expect(t).toMatch(/\n Total +.*\n$/);
    // one object in one class: obj_used is 1 in exactly one class row and in the Total row
    const lines = t.trimEnd().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
    const total = lines.pop()!;
    expect(lines.map((f) => Number(f[f.length - 4])).filter((n) => n > 0)).toEqual([1]);
    expect(Number(total[total.length - 3])).toBe(1); // Total has no pages_per_zspage
  });
});
