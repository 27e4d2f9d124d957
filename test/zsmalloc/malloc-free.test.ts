import { ZS_CLASS_TABLE, classIdFor } from '../../src/zsmalloc/class-table';
import { handleGet } from '../../src/zsmalloc/handle-table';
import { zsMalloc } from '../../src/zsmalloc/malloc-free';
import { allocZspage, newPoolState } from '../../src/zsmalloc/pool-state';
import { createZsPool } from '../../src/zsmalloc/pool';
import { handle } from '../../src/units';
import { free, given, lists, malloc, places } from './gwt';

// Class 3072 = index 190 (3 pages, 4 objects per zspage); class 112 = index 5 (7 pages, 256).

describe('zs_malloc (§6.6)', () => {
  it('given an empty pool, when 5 objects are malloc\'d, then handles count up from 1 and a new zspage pops 0,1,2,3', () => {
    given().when(malloc(3000, 5)).then((w) => {
      expect(w.handles).toEqual([1, 2, 3, 4, 5]);
      expect(places(w, 1, 2, 3, 4, 5)).toEqual(['1/0', '1/1', '1/2', '1/3', '2/0']);
      expect(w.pool.totalPages()).toBe(6);
    });
  });

  it('given a zspage with objects 1 then 3 freed, when two more are malloc\'d, then they reuse 3 then 1 (LIFO)', () => {
    given(malloc(3000, 4), free(2, 4)).when(malloc(3000, 2)).then((w) => {
      expect(places(w, 5, 6)).toEqual(['1/3', '1/1']);
      expect(w.pool.totalPages()).toBe(3);
    });
  });

  it('given partial zspages at 50% (head of group 6) and 75% (group 8), when one malloc comes, then the fuller one takes it', () => {
    given(malloc(3000, 8), free(6), free(1, 2)).when(malloc(3000)).then((w) => {
      expect(places(w, 9)).toEqual(['2/1']);
      expect(lists(w.pool, 190)).toEqual({ 6: [[1, 2]], 11: [[2, 4]] });
    });
  });

  it('given two partial zspages in the same group, when a malloc comes, then the head of that list takes it', () => {
    // Zspage 2 dropped to group 8 after zspage 1 did, so it is the head.
    given(malloc(3000, 8), free(1), free(5)).when(malloc(3000)).then((w) => {
      expect(places(w, 9)).toEqual(['2/0']);
    });
  });

  it('given only full zspages, when a malloc comes, then a new zspage opens at the head of its group', () => {
    given(malloc(100, 256)).when(malloc(100)).then((w) => {
      expect(places(w, 257)).toEqual(['2/0']);
      expect(lists(w.pool, 5)).toEqual({ 1: [[2, 1]], 11: [[1, 256]] });
      expect(w.pool.totalPages()).toBe(14);
    });
  });

  it('reuses an empty zspage left in group 0 (a deferred free, §6.10) before opening a new one', () => {
    // White box: the model frees empty zspages at once, so plant one in group 0 by hand.
    const st = newPoolState(ZS_CLASS_TABLE);
    const c = classIdFor(ZS_CLASS_TABLE, 3000);
    const empty = allocZspage(st, c);
    st.lists.insertHead(empty, 0);
    const h = zsMalloc(st, 3000);
    expect([handleGet(st.handles, h), st.zs.id[empty], st.pagesAllocated]).toEqual([st.zs.objBase[empty], 1, 3]);
    expect(st.lists.head(c, 0)).toBe(-1);
    expect(st.lists.head(c, 3)).toBe(empty);
  });

  it('prefers a partial zspage over an empty one in group 0', () => {
    const st = newPoolState(ZS_CLASS_TABLE);
    const c = classIdFor(ZS_CLASS_TABLE, 3000);
    const partial = st.zs.objBase[st.zs.owner[handleGet(st.handles, zsMalloc(st, 3000)) as number]];
    const empty = allocZspage(st, c);
    st.lists.insertHead(empty, 0);
    expect(handleGet(st.handles, zsMalloc(st, 3000))).toBe(partial + 1);
  });

  it('rejects sizes outside 1..4096 as caller bugs', () => {
    const pool = createZsPool();
    for (const n of [0, -1, 4097, 1.5, Number.NaN]) expect(() => pool.malloc(n)).toThrow(RangeError);
    expect(pool.liveHandles()).toBe(0);
  });
});

describe('zs_free (§6.7)', () => {
  it('given one object in a zspage, when it is freed, then the zspage is destroyed at once', () => {
    given(malloc(3000)).when(free(1)).then((w) => {
      expect([w.pool.totalPages(), w.pool.liveHandles()]).toEqual([0, 0]);
      expect(lists(w.pool, 190)).toEqual({});
    });
  });

  it('given a destroyed zspage, when the class mallocs again, then a new zspage (new id) starts at object 0', () => {
    given(malloc(3000, 2), free(1, 2)).when(malloc(3000)).then((w) => {
      expect(places(w, 3)).toEqual(['2/0']);
      expect(w.handles[2]).toBe(3); // handles are never reused
    });
  });

  it('throws for unknown or already freed handles, and locate does too', () => {
    const pool = createZsPool();
    const h = pool.malloc(10);
    pool.free(h);
    expect(() => pool.free(h)).toThrow();
    expect(() => pool.free(handle(99))).toThrow();
    expect(() => pool.locate(h)).toThrow();
  });

  it('counts live handles and pages across classes', () => {
    given(malloc(3000, 3), malloc(100, 2), malloc(4096, 2)).when(free(2, 6)).then((w) => {
      expect([w.pool.liveHandles(), w.pool.totalPages()]).toEqual([5, 3 + 7 + 1]);
    });
  });
});
