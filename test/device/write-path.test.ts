// zram_write_page on Linux 6.18 (zram-6.18.md §4.4 and Appendix A.2, A.4, A.6).
import { Spec, bio, ev, sizedDeps, sizedPage } from './harness';

const init = (limit?: string) => [...(limit ? [ev.store('mem_limit', limit)] : []), ev.store('disksize', '16M')];
const filled = (word: number[]) => { const p = new Uint8Array(4096); for (let i = 0; i < 4096; i++) p[i] = word[i % word.length]; return p; };

describe('write path', () => {
  test('same-filled pages (8- and 4-byte periods) cost no memory and count in same_pages; a 3-byte period does not', () => {
    const s = Spec.given(sizedDeps, init(), bio('write', 0, [filled([1, 2, 3, 4, 5, 6, 7, 8]), filled([0xde, 0xad, 0xbe, 0xef]), filled([0xff])]));
    expect(s.mm).toEqual([3 * 4096, 0, 0, 0, 0, 3, 0, 0, 0]);
    const p = filled([0x61, 0x62, 0x63]);
    new DataView(p.buffer).setUint16(0, 28, true); // the sized compressor reads its length here
    s.when(bio('write', 3, [p]));
    expect(s.mm[5]).toBe(3);
    expect(s.mm[1]).toBe(28);
  });

  test('comp_len 3618..3624 is stored compressed, 3625 and up raw as huge pages (A.2 final mm_stat)', () => {
    const pages = Array.from({ length: 14 }, (_, i) => sizedPage(3618 + i, i));
    const s = Spec.given(sizedDeps, init(), pages.map((p, i) => bio('write', i, [p])).flat());
    expect(s.show('mm_stat')).toBe('   57344    54019    61440        0    61440        0        0        7        7\n');
  });

  test('an overwrite allocates the new object before freeing the old one: mem_used_max rises by a page', () => {
    const s = Spec.given(sizedDeps, init(), bio('write', 0, [sizedPage(4000, 1)]), bio('write', 0, [sizedPage(4000, 2)]));
    expect(s.mm.slice(0, 5)).toEqual([4096, 4096, 4096, 0, 8192]);
  });

  test('a write past mem_limit fails the bio with EIO once, stops it, and keeps the old data (A.4, exp14)', () => {
    const pages = Array.from({ length: 8 }, (_, i) => sizedPage(4000, 10 + i));
    const s = Spec.given(sizedDeps, init('16K'), bio('write', 0, pages));
    expect(s.last).toMatchObject({ kind: 'bio', errno: 'EIO' });
    expect(s.show('mm_stat')).toBe('   16384    16384    16384    16384    20480        0        0        4        4\n');
    expect(s.show('io_stat')).toBe('       0        1 0        0\n');
    expect(s.state.blk).toEqual({ readIos: 0, readSectors: 0, writeIos: 1, writeSectors: 64 });
    s.when(bio('write', 0, [sizedPage(4000, 99)]));
    expect(s.last).toMatchObject({ errno: 'EIO' });
    s.when(bio('read', 0, [], 4));
    const out = s.last.kind === 'bio' ? s.last.data! : new Uint8Array();
    for (let i = 0; i < 4; i++) expect(out.subarray(i * 4096, (i + 1) * 4096)).toEqual(pages[i]);
  });

  test('mem_used_max can exceed mem_limit: the peak is raised before the limit test', () => {
    const s = Spec.given(sizedDeps, init('8K'), bio('write', 0, [sizedPage(4000, 1), sizedPage(4000, 2), sizedPage(4000, 3)]));
    expect(s.mm[4]).toBe(12288);
    expect(s.mm[2]).toBe(8192);
  });

  test('a never-written slot reads back as zeros and a same-filled one as its pattern', () => {
    const s = Spec.given(sizedDeps, init(), bio('write', 1, [filled([9, 8, 7, 6])]), bio('read', 0, [], 2));
    const out = s.last.kind === 'bio' ? s.last.data! : new Uint8Array();
    expect(out.subarray(0, 4096).every((b) => b === 0)).toBe(true);
    expect(out.subarray(4096)).toEqual(filled([9, 8, 7, 6]));
    expect(s.state.blk.readIos).toBe(1);
  });

  test('a bio outside the device, or misaligned, fails with EIO before zram: no counter changes', () => {
    const s = Spec.given(sizedDeps, init(), bio('write', 4096, [sizedPage(100, 1)]));
    expect(s.last).toMatchObject({ errno: 'EIO' });
    s.when([ev.bio(7, 'read', 0, [], 1), ev.done(7)]);
    const misaligned = { ...ev.bio(8, 'read', 0, [], 1), sector: 3 } as never;
    s.when(misaligned, ev.done(8));
    expect(s.last).toMatchObject({ errno: 'EIO' });
    expect(s.state.blk).toEqual({ readIos: 1, readSectors: 8, writeIos: 0, writeSectors: 0 });
    expect(s.mm).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
