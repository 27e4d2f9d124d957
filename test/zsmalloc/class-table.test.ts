import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeClassTable, classIdFor, zspageChainSize, ZS_CLASS_TABLE } from '../../src/zsmalloc/class-table';

interface Row { index: number; size: number; pages: number; objs: number; range: [number, number] | 'huge' }

function readFixture(): Row[] {
  const text = readFileSync(join(__dirname, '../fixtures/zsmalloc-classes.txt'), 'utf8');
  return text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).map((line) => {
    const [index, size, pages, objs, range] = line.trim().split(/\s+/);
    const r = range === 'huge' ? 'huge' : (range.split('-').map(Number) as [number, number]);
    return { index: +index, size: +size, pages: +pages, objs: +objs, range: r };
  });
}

/** comp_len ranges as zram sees them, derived from the table's own lookup over every comp_len. */
function computedRanges(): Map<number, [number, number]> {
  const ranges = new Map<number, [number, number]>();
  for (let len = 1; len < ZS_CLASS_TABLE.hugeClassSize; len++) {
    const rep = ZS_CLASS_TABLE.classes[classIdFor(ZS_CLASS_TABLE, len)].index;
    const r = ranges.get(rep);
    if (r) r[1] = len; else ranges.set(rep, [len, len]);
  }
  return ranges;
}

describe('zsmalloc class table (PAGE 4096, chain 8)', () => {
  const rows = readFixture();

  it('has 119 distinct classes, as many as Appendix B rows', () => {
    expect(rows).toHaveLength(119);
    expect(ZS_CLASS_TABLE.classes).toHaveLength(119);
    expect(ZS_CLASS_TABLE.sizeClasses).toBe(255);
  });

  it('matches every Appendix B row: index, size, pages per zspage, objects per zspage', () => {
    const computed = ZS_CLASS_TABLE.classes.map((c) => [c.index, c.size, c.pagesPerZspage, c.objsPerZspage]);
    expect(computed).toEqual(rows.map((r) => [r.index, r.size, r.pages, r.objs]));
  });

  it('maps every zram comp_len to the class range of Appendix B', () => {
    const ranges = computedRanges();
    for (const row of rows) {
      if (row.range === 'huge') continue;
      expect([row.index, ranges.get(row.index)]).toEqual([row.index, row.range]);
    }
    expect(ranges.size).toBe(rows.filter((r) => r.range !== 'huge').length);
  });

  it('sends 4096-byte (huge) requests and everything from 3625 up to class 254 (1 page, 1 object)', () => {
    for (const n of [3625, 3700, 4088, 4089, 4096]) {
      const c = ZS_CLASS_TABLE.classes[classIdFor(ZS_CLASS_TABLE, n)];
      expect([n, c.index, c.size, c.pagesPerZspage, c.objsPerZspage]).toEqual([n, 254, 4096, 1, 1]);
    }
    expect(ZS_CLASS_TABLE.classes[classIdFor(ZS_CLASS_TABLE, 3624)].index).toBe(225);
  });

  it('aliases every index to the smallest distinct index at or above it', () => {
    const reps = ZS_CLASS_TABLE.classes.map((c) => c.index);
    for (let i = 0; i < 255; i++) {
      const expected = reps.find((r) => r >= i);
      expect([i, ZS_CLASS_TABLE.classes[ZS_CLASS_TABLE.idOfIndex[i]].index]).toEqual([i, expected]);
    }
  });

  it('has huge_class_size 3625 (§6.3)', () => {
    expect(ZS_CLASS_TABLE.hugeClassSize).toBe(3625);
  });

  it('computes huge_class_size 3257 for chain size 4 (computed from §6.3, not measured)', () => {
    // The spec only says the chain-4 table differs; 3257 comes from the same rules: the largest
    // class that is neither 1-page nor 1-object is 3264 (4 pages, 5 objects), and 3264 - 7 = 3257.
    const t4 = computeClassTable(4096, 4);
    expect(t4.hugeClassSize).toBe(3257);
    expect(t4.classes.some((c) => c.size === 3264 && c.pagesPerZspage === 4 && c.objsPerZspage === 5)).toBe(true);
  });

  it('breaks chain-size ties towards fewer pages and gives powers of two one page', () => {
    // 3072 wastes 0 bytes at both 3 and 6 pages: the tie keeps 3.
    expect(zspageChainSize(3072, 4096, 8)).toBe(3);
    // 2720 wastes 1376, 32, 1408, 64, ... : 2 pages.
    expect(zspageChainSize(2720, 4096, 8)).toBe(2);
    expect(zspageChainSize(1024, 4096, 8)).toBe(1);
    expect(zspageChainSize(4096, 4096, 8)).toBe(1);
    // 1360 wastes 16*k bytes at k pages: 1 page.
    expect(zspageChainSize(1360, 4096, 8)).toBe(1);
  });
});

describe('computeClassTable for other geometries (page size x chain size)', () => {
  it.each([
    [4096, 1], [4096, 4], [4096, 8], [4096, 16], [16384, 4], [16384, 8], [65536, 8],
  ])('page %i, chain %i: every index aliases a class of its own geometry; neighbours differ', (pageSize, chain) => {
    const t = computeClassTable(pageSize, chain);
    const geometry = (i: number) => {
      const size = Math.min(32 + i * (pageSize >> 8), pageSize);
      const pages = zspageChainSize(size, pageSize, chain);
      return { size, pages, objs: Math.floor((pages * pageSize) / size) };
    };
    expect(t.sizeClasses).toBe(Math.ceil((pageSize - 32) / (pageSize >> 8)) + 1);
    for (let i = 0; i < t.sizeClasses; i++) {
      const rep = t.classes[t.idOfIndex[i]];
      const g = geometry(i);
      expect([i, rep.index >= i, rep.pagesPerZspage, rep.objsPerZspage]).toEqual([i, true, g.pages, g.objs]);
      expect(rep.pagesPerZspage).toBeLessThanOrEqual(chain);
    }
    for (let k = 1; k < t.classes.length; k++) {
      const [a, b] = [t.classes[k - 1], t.classes[k]];
      expect([a.pagesPerZspage, a.objsPerZspage]).not.toEqual([b.pagesPerZspage, b.objsPerZspage]);
    }
    const last = t.classes[t.classes.length - 1];
    expect([last.size, last.pagesPerZspage, last.objsPerZspage]).toEqual([pageSize, 1, 1]);
    let huge = 0;
    for (let i = t.sizeClasses - 1; i >= 0 && huge === 0; i--) {
      const g = geometry(i);
      if (g.pages !== 1 && g.objs !== 1) huge = g.size - 7;
    }
    expect(t.hugeClassSize).toBe(huge);
  });
});
