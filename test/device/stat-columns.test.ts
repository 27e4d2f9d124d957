// The stat table (src/device/stat-columns.ts) and the one comparer (stat-compare.ts): the
// table's order is replay.proto's field order, its names the kernel's, its column places parse
// real kernel texts (a committed bundle's samples) and the model's own texts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { columnDiffers, compareStatSets } from '../../src/device/stat-compare';
import {
  columnLabel, STAT_COLUMNS, STAT_FILES, statGroup, statsFromTexts, statValue, type StatFile,
} from '../../src/device/stat-columns';
import { ZramDevice } from '../../src/device/zram-device';

const PROTO = fs.readFileSync(path.join(__dirname, '../../proto/replay.proto'), 'utf8');
const MESSAGES: Record<StatFile, string> = { mm_stat: 'MmStat', io_stat: 'IoStat', debug_stat: 'DebugStat', stat: 'BlockStat' };

/** A message's field names in field-number order. */
function protoFields(message: string): string[] {
  const body = new RegExp(`message ${message} \\{([^}]*)\\}`).exec(PROTO)![1];
  return [...body.matchAll(/^\s*\w+ (\w+) = (\d+);/gm)].sort((a, b) => Number(a[2]) - Number(b[2])).map((m) => m[1]);
}

const camel = (s: string): string => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

describe('stat table', () => {
  test.each(Object.keys(STAT_FILES) as StatFile[])('%s: columns are replay.proto\'s fields, in field-number order', (file) => {
    const cols = STAT_COLUMNS.filter((c) => c.file === file);
    expect(cols.map((c) => c.name)).toEqual(protoFields(MESSAGES[file]));
    expect(cols.map((c) => c.key)).toEqual(cols.map((c) => camel(c.name)));
  });

  test('the files appear in one block each, mm_stat, io_stat, debug_stat, stat', () => {
    const order = STAT_COLUMNS.map((c) => c.file).filter((f, i, a) => a.indexOf(f) === i);
    expect(order).toEqual(['mm_stat', 'io_stat', 'debug_stat', 'stat']);
    expect(STAT_COLUMNS.map(columnLabel)).toContain('stat.write_sectors');
  });

  test('stat: the I/O and sector columns of the 17 (Documentation/block/stat.rst: 1, 3, 5, 7)', () => {
    const text = Array.from({ length: 17 }, (_, i) => String(i + 1).padStart(8)).join(' ') + '\n';
    expect(statGroup('stat', text)).toEqual({ readIos: 1, readSectors: 3, writeIos: 5, writeSectors: 7 });
  });

  test('every sample of a committed bundle parses column by column', () => {
    const file = path.join(__dirname, '../../traces/bundles/seqwrite/samples.jsonl');
    const samples = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(samples.length).toBeGreaterThan(2);
    for (const s of samples) {
      const got = statsFromTexts({ mmStat: s.mmStat, ioStat: s.ioStat, debugStat: s.debugStat, stat: s.stat });
      const words = (t: string) => t.trim().split(/\s+/).map(Number);
      expect(Object.values(got.mmStat)).toEqual(words(s.mmStat));
      expect(Object.values(got.ioStat)).toEqual(words(s.ioStat));
      expect(got.debugStat).toEqual({ version: 1, writestall: 0, missFree: words(s.debugStat.split('\n')[1])[1] });
      expect(got.blockStat.writeSectors).toBe(words(s.stat)[6]);
      expect(statValue('mm_stat', s.mmStat, 'mem_limit')).toBe(words(s.mmStat)[3]);
    }
  });

  test('the model\'s texts read back through the table', () => {
    const d = new ZramDevice();
    d.store('disksize', String(1 << 20));
    d.write(0, new Uint8Array(4096).fill(7));
    d.write(4096, Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24));
    const s = statsFromTexts({ mmStat: d.show('mm_stat'), ioStat: d.show('io_stat'), debugStat: d.show('debug_stat'), stat: d.show('stat') });
    expect(s.mmStat.origDataSize).toBe(2 * 4096);
    expect(s.mmStat.samePages).toBe(1);
    expect(s.blockStat).toEqual({ readIos: 0, readSectors: 0, writeIos: 2, writeSectors: 16 });
    expect(() => statValue('mm_stat', d.show('mm_stat'), 'no_such_column')).toThrow(/no column/);
  });
});

describe('compareStatSets', () => {
  const texts = { mmStat: '1 2 3 4 5 6 7 8 9', ioStat: '0 0 0 3', debugStat: 'version: 1\n0 0', stat: '1 0 8 0 2 0 16 0 0 0 0 0 0 0 0 0 0' };
  test.each(STAT_COLUMNS.map((c, i) => [columnLabel(c), i] as const))('a change in %s is that column only, in table order', (_, i) => {
    const a = statsFromTexts(texts);
    const b = statsFromTexts(texts);
    const c = STAT_COLUMNS[i];
    (b[c.group] as Record<string, number>)[c.key] += 10;
    const diffs = compareStatSets(a, b);
    expect(diffs.map((d) => d.column)).toEqual([...STAT_COLUMNS]);
    expect(diffs.filter(columnDiffers).map((d) => [columnLabel(d.column), d.model, d.kernel]))
      .toEqual([[columnLabel(c), diffs[i].model, diffs[i].model + 10]]);
  });

  test('a column missing on one side differs', () => {
    const short = statsFromTexts({ ...texts, mmStat: '1 2 3' });
    expect(compareStatSets(short, statsFromTexts(texts)).filter(columnDiffers)).toHaveLength(6);
  });
});
