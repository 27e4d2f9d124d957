// Merge order (blkparse's tie rules, genesis, cpu checks) and printer details (RWBS, C integer casts).
import { mergeFileMode, RecordSource } from '../../src/blktrace/merge';
import { mergePipeMode } from '../../src/blktrace/merge-pipe';
import { header, rwbs, secondsField, timeField } from '../../src/blktrace/print';
import { BLK_TC, BlkRecord, tcAct } from '../../src/blktrace/record';
import { sizeCnv } from '../../src/blktrace/summary';

const rec = (time: bigint, cpu: number, extra: Partial<BlkRecord> = {}): BlkRecord => ({
  version: 7, sequence: 0, time, sector: 0n, bytes: 4096, action: 0x00110001, actionHigh: 0, pid: 1,
  device: 0x0fd00001, cpu, error: 0, pdu: new Uint8Array(0), offset: 0, ...extra,
});
const src = (cpu: number, rs: BlkRecord[]): RecordSource => {
  let i = 0;
  return { cpu, name: `t.${cpu}`, next: () => (i < rs.length ? rs[i++] : null) };
};

describe('merge', () => {
  it('k-way merges per-CPU streams by time, relative to the earliest first record', () => {
    const out = [...mergeFileMode([src(0, [rec(10n, 0), rec(40n, 0)]), src(1, [rec(5n, 1), rec(20n, 1)])])];
    expect(out.map((m) => [m.streamCpu, m.relTime])).toEqual([[1, 0n], [0, 5n], [1, 15n], [0, 35n]]);
  });

  it('on equal times the current stream keeps going (blkparse ms_resort is strict)', () => {
    const out = [...mergeFileMode([src(0, [rec(10n, 0), rec(10n, 0)]), src(1, [rec(10n, 1)])])];
    expect(out.map((m) => m.streamCpu)).toEqual([0, 0, 1]);
  });

  it('rejects records of another cpu (blkparse file mode), unless strictCpu is false', () => {
    const bad: number[] = [];
    const strict = [...mergeFileMode([src(0, [rec(1n, 0), rec(2n, 1), rec(3n, 0)])], { onCpuMismatch: (r) => bad.push(r.cpu) })];
    expect(strict.length).toBe(2);
    expect(bad).toEqual([1]);
    expect([...mergeFileMode([src(0, [rec(1n, 0), rec(2n, 1)])], { strictCpu: false })].length).toBe(2);
  });

  it('a full batch of wrong-cpu records ends the stream', () => {
    const rs = [...Array.from({ length: 4 }, (_x, i) => rec(BigInt(i), 1)), rec(9n, 0)];
    expect([...mergeFileMode([src(0, rs)], {}, 4)].length).toBe(0);
    expect([...mergeFileMode([src(0, rs)], {}, 5)].length).toBe(1);
  });

  it('notes leave the stream and reach onNote; MESSAGE stays in it', () => {
    const notes: number[] = [];
    const rs = [rec(1n, 0, { action: 0x04000000 }), rec(2n, 0, { action: 0x04000002 }), rec(3n, 0)];
    const out = [...mergeFileMode([src(0, rs)], { onNote: (r) => notes.push(r.action) })];
    expect(notes).toEqual([0x04000000]);
    expect(out.map((m) => m.rec.action)).toEqual([0x04000002, 0x00110001]);
  });

  it('pipe mode: genesis from the first batch; earlier records later wrap like C u64', () => {
    const m = mergePipeMode([rec(100n, 0), rec(200n, 0), rec(50n, 1)], () => undefined, 2);
    expect(m.genesis).toBe(100n);
    expect(m.records[0].relTime).toBe(2n ** 64n - 50n);
    expect(secondsField(m.records[0].relTime)).toBe(1266874889);
  });
});

describe('print', () => {
  const c = (...n: number[]): number => n.reduce((a, x) => (a | tcAct(x)) >>> 0, 0);
  it.each([
    [c(BLK_TC.WRITE, BLK_TC.SYNC), 4096, 'WS'], [c(BLK_TC.READ, BLK_TC.AHEAD), 4096, 'RA'],
    [c(BLK_TC.READ), 0, 'N'], [c(BLK_TC.FLUSH, BLK_TC.WRITE, BLK_TC.SYNC), 0, 'FWS'],
    [c(BLK_TC.READ, BLK_TC.FLUSH), 0, 'FN'], [c(BLK_TC.WRITE, BLK_TC.DISCARD, BLK_TC.SYNC), 4096, 'DS'],
    [c(BLK_TC.WRITE, BLK_TC.FUA, BLK_TC.SYNC), 4096, 'WFS'],
    [c(BLK_TC.FLUSH, BLK_TC.WRITE, BLK_TC.FUA, BLK_TC.SYNC, BLK_TC.META), 4096, 'FWFSM'],
  ])('RWBS of categories 0x%s bytes %d is %s', (cats, bytes, want) => {
    expect(rwbs(rec(0n, 0, { action: (cats | 1) >>> 0, bytes }))).toBe(want);
  });

  it('formats the fixed header like "%3d,%-3d %2d %8d %5d.%09lu %5u %2s %3s "', () => {
    const h = header(0x0fd00001, { cpu: 1, relTime: 1_000_000_123n, comm: null }, 0, 7137, 'Q', 'WS');
    expect(h).toBe('253,1    1        0     1.000000123  7137  Q  WS ');
    expect(timeField(0n)).toBe('    0.000000000');
  });

  it('size_cnv scales above a million and wraps negatives as u64', () => {
    expect(sizeCnv(1_000_000, true)).toBe(' 1000000K');
    expect(sizeCnv(1_000_001, true)).toBe('    1000M');
    expect(sizeCnv(-1, false)).toBe('18446744P');
  });
});
