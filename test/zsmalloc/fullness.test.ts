import { fullnessGroup } from '../../src/zsmalloc/fullness';
import { free, given, lists, malloc } from './gwt';

// Classes used (Appendix B): 2976 = index 184 (8 pages, 11 objects, comp_len 2905-2968),
// 3072 = index 190 (3 pages, 4 objects), 1056 = index 64 (8 pages, 31 objects).

describe('fullnessGroup (§6.5)', () => {
  it.each([
    [0, 4, 0], [4, 4, 11], [1, 4, 3], [2, 4, 6], [3, 4, 8],
    [1, 128, 1], [12, 128, 1], [13, 128, 2], [115, 128, 9], [116, 128, 10], [127, 128, 10],
    [9, 10, 10], [1, 10, 2], [1, 2, 6],
  ])('inuse %i of %i objects is group %i', (inuse, objs, g) => {
    expect(fullnessGroup(inuse, objs)).toBe(g);
  });
});

describe('fullness transitions in a class of 11 objects', () => {
  it('given an empty pool, when 11 objects are malloc\'d one by one, then the zspage walks groups 1..10 then 11', () => {
    given().when((w) => {
      const seen: number[] = [];
      for (let i = 0; i < 11; i++) {
        malloc(2950)(w);
        seen.push(Number(Object.keys(lists(w.pool, 184))[0]));
      }
      return seen;
    }).then((w, seen) => {
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(lists(w.pool, 184)).toEqual({ 11: [[1, 11]] });
    });
  });

  it('given a full zspage, when its objects are freed one by one, then it walks back down and is destroyed at 0', () => {
    given(malloc(2950, 11)).when((w) => {
      const seen: string[] = [];
      for (let n = 1; n <= 11; n++) { free(n)(w); seen.push(Object.keys(lists(w.pool, 184)).join()); }
      return seen;
    }).then((w, seen) => {
      expect(seen).toEqual(['10', '9', '8', '7', '6', '5', '4', '3', '2', '1', '']);
      expect(w.pool.totalPages()).toBe(0);
    });
  });
});

describe('fix fullness: head insertion, moves only on a group change', () => {
  it('given three full zspages, then the newest is the head of group 11', () => {
    given().when(malloc(3000, 12)).then((w) => {
      expect(lists(w.pool, 190)).toEqual({ 11: [[3, 4], [2, 4], [1, 4]] });
    });
  });

  it('given three full zspages, when zspage 1 loses an object, then it moves to the head of group 8', () => {
    given(malloc(3000, 12)).when(free(1)).then((w) => {
      expect(lists(w.pool, 190)).toEqual({ 8: [[1, 3]], 11: [[3, 4], [2, 4]] });
    });
  });

  it('given zspage 1 in group 8, when zspage 3 also drops to group 8, then zspage 3 goes in front of it', () => {
    given(malloc(3000, 12), free(1)).when(free(9)).then((w) => {
      expect(lists(w.pool, 190)).toEqual({ 8: [[3, 3], [1, 3]], 11: [[2, 4]] });
    });
  });

  // 31 objects: group 1 holds inuse 1..3, group 2 inuse 4..6.
  const twoInGroup1 = [malloc(1030, 33), free(...Array.from({ length: 29 }, (_, i) => i + 1))];

  it('given zspages 1 and 2 both in group 1 (1 at the head), then the lists show it', () => {
    given(...twoInGroup1).when(() => undefined).then((w) => {
      expect(lists(w.pool, 64)).toEqual({ 1: [[1, 2], [2, 2]] });
    });
  });

  it('given that, when zspage 2 (second in the list) frees an object but stays in group 1, then it keeps its place', () => {
    given(...twoInGroup1).when(free(33)).then((w) => {
      expect(lists(w.pool, 64)).toEqual({ 1: [[1, 2], [2, 1]] });
    });
  });

  it('given that, when mallocs fill the head past 3 objects, then it leaves group 1 for the head of group 2', () => {
    given(...twoInGroup1).when(malloc(1030, 2)).then((w) => {
      expect(lists(w.pool, 64)).toEqual({ 1: [[2, 2]], 2: [[1, 4]] });
    });
  });
});
