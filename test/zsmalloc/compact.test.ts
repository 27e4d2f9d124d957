import { compact, free, given, lists, malloc, places } from './gwt';

/*
 * Hand-computed zs_compact cases (§6.8). Class 3072 = index 190 (3 pages, 4 objects);
 * class 3632 = index 225 (8 pages, 9 objects, comp_len 3577-3624).
 */

describe('zs_compact in a 4-object class', () => {
  // Zspages 1..4 hold h1-4, h5-8, h9-12, h13-16. After the frees:
  //   zspage 1: h1 at obj 0          (1/4, group 3)
  //   zspage 2: h5,h7,h8, obj 1 free (3/4, group 8)
  //   zspage 3: h11,h12, free stack [1, 0] (2/4, group 6)
  //   zspage 4: h16 at obj 3         (1/4, group 3, in front of zspage 1)
  const setup = [malloc(3000, 16), free(2, 3, 4), free(6), free(9, 10), free(13, 14, 15)];

  it('given four partial zspages, then the lists are as described', () => {
    given(...setup).when(() => undefined).then((w) => {
      expect(lists(w.pool, 190)).toEqual({ 3: [[4, 1], [1, 1]], 6: [[3, 2]], 8: [[2, 3]] });
      expect(w.pool.totalPages()).toBe(12);
    });
  });

  it('when compacted, then the emptiest heads move into the fullest, and two zspages (6 pages) are freed', () => {
    // Round 1: dst = zspage 2 (group 8), src = zspage 4 (head of group 3): h16 -> 2/1;
    //   zspage 4 empty (freed), zspage 2 full (put back in group 11).
    // Round 2: can_compact = floor((12 - 7) / 4) * 3 = 3 > 0; dst = zspage 3 (group 6),
    //   src = zspage 1: h1 -> 3/1 (top of zspage 3's free stack); zspage 1 freed.
    // Round 3: can_compact = floor((8 - 7) / 4) = 0: stop; zspage 3 (3/4) goes back to group 8.
    given(...setup).when(compact).then((w, freed) => {
      expect(freed).toBe(6);
      expect([w.pool.totalPages(), w.pool.pagesCompacted(), w.pool.liveHandles()]).toEqual([6, 6, 7]);
      expect(lists(w.pool, 190)).toEqual({ 8: [[3, 3]], 11: [[2, 4]] });
      expect(places(w, 1, 5, 7, 8, 11, 12, 16)).toEqual(['3/1', '2/0', '2/2', '2/3', '3/2', '3/3', '2/1']);
    });
  });

  it('when compacted twice, then the second run frees nothing and pages_compacted stays', () => {
    given(...setup, compact).when(compact).then((w, freed) => {
      expect([freed, w.pool.pagesCompacted(), w.pool.totalPages()]).toEqual([0, 6, 6]);
    });
  });

  it('given compaction moved h1 and h16, when they are freed, then the frees hit their new zspages', () => {
    given(...setup, compact).when(free(1, 16)).then((w) => {
      expect(lists(w.pool, 190)).toEqual({ 6: [[3, 2]], 8: [[2, 3]] });
      malloc(3000)(w);
      expect(w.handles[16]).toBe(17);
      expect(places(w, 17)).toEqual(['2/1']); // the LIFO slot h16 left in the fuller zspage 2
    });
  });

  it('given 3/4 and 2/4 zspages (3 free objects, less than a zspage), when compacted, then nothing moves', () => {
    given(malloc(3000, 8), free(1), free(5, 6)).when(compact).then((w, freed) => {
      expect(freed).toBe(0);
      expect(places(w, 2, 3, 4, 7, 8)).toEqual(['1/1', '1/2', '1/3', '2/2', '2/3']);
      expect(lists(w.pool, 190)).toEqual({ 6: [[2, 2]], 8: [[1, 3]] });
    });
  });
});

describe('zs_compact in a 9-object class: ascending order, a full destination is replaced', () => {
  // Zspages 1..3 hold h1-9, h10-18, h19-27. Free h3 (zspage 1, obj 2) then h15 (zspage 2,
  // obj 5): both at 8/9 in group 9, zspage 2 at the head. Zspage 3 keeps h23 (obj 4) and
  // h27 (obj 8): 2/9, group 3.
  const setup = [malloc(3600, 27), free(3), free(15), free(19, 20, 21, 22, 24, 25, 26)];

  it('moves h23 into zspage 2, then (zspage 2 full) h27 into zspage 1, freeing zspage 3', () => {
    given(...setup).when(compact).then((w, freed) => {
      expect(freed).toBe(8);
      expect(places(w, 23, 27)).toEqual(['2/5', '1/2']);
      expect(lists(w.pool, 225)).toEqual({ 11: [[1, 9], [2, 9]] });
      expect(w.pool.totalPages()).toBe(16);
    });
  });

  it('leaves handles stable: the same set is live and each can still be freed', () => {
    given(...setup, compact).when((w) => {
      for (let n = 1; n <= 27; n++) if (![3, 15, 19, 20, 21, 22, 24, 25, 26].includes(n)) free(n)(w);
    }).then((w) => {
      expect([w.pool.liveHandles(), w.pool.totalPages()]).toEqual([0, 0]);
    });
  });
});
