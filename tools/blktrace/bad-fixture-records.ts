// Hand-made records for the rarer shapes blkparse prints: passthrough (PC) events with command
// bytes, requeue, timer unplug, bounce, front merge, sleep, driver data, an error completion, an
// unknown action, cgroup-flagged events, every RWBS letter, and a second device in one stream.
import { BLK_TA, BLK_TC, BlkRecord, makeDev, tcAct } from '../../src/blktrace/record';
import { encodeRecords } from '../../src/blktrace/write';

const cats = (...n: number[]): number => n.reduce((a, c) => (a | tcAct(c)) >>> 0, 0);
const be64 = (v: bigint): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, v, false);
  return b;
};

export function CASES_EXTRA(base: BlkRecord[]): Record<string, Record<number, Uint8Array>> {
  const t0 = base[0].time;
  const dev = makeDev(8, 16);
  let i = 0;
  const r = (code: number, c: number, sector: bigint, bytes: number, pdu: Uint8Array = new Uint8Array(0),
    extra: Partial<BlkRecord> = {}): BlkRecord => ({
    version: 7, sequence: 0, time: t0 + BigInt(1000 * ++i), sector, bytes, action: (code | c) >>> 0, actionHigh: 0,
    pid: 4242, device: dev, cpu: 0, error: 0, pdu, offset: 0, ...extra,
  });
  const W = BLK_TC.WRITE;
  const cdb = new Uint8Array([0x2a, 0, 0, 0, 0x10, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0]);
  const odd: BlkRecord[] = [
    r(BLK_TA.QUEUE, cats(BLK_TC.QUEUE, W, BLK_TC.SYNC, BLK_TC.META, BLK_TC.FUA, BLK_TC.FLUSH), 100n, 4096),
    r(BLK_TA.FRONTMERGE, cats(BLK_TC.QUEUE, W), 92n, 4096),
    r(BLK_TA.SLEEPRQ, cats(BLK_TC.QUEUE, BLK_TC.READ, BLK_TC.AHEAD), 300n, 8192),
    r(BLK_TA.GETRQ, cats(BLK_TC.QUEUE, BLK_TC.READ), 0n, 0),
    r(BLK_TA.INSERT, cats(BLK_TC.QUEUE, W, BLK_TC.FS), 92n, 8192),
    r(BLK_TA.ISSUE, cats(BLK_TC.ISSUE, W, BLK_TC.FS), 92n, 8192),
    r(BLK_TA.REQUEUE, cats(BLK_TC.REQUEUE, W, BLK_TC.FS), 92n, 8192),
    r(BLK_TA.ISSUE, cats(BLK_TC.ISSUE, W, BLK_TC.FS), 92n, 8192),
    r(BLK_TA.COMPLETE, cats(BLK_TC.COMPLETE, W, BLK_TC.FS), 92n, 8192, undefined, { error: 0xfffb }),
    r(BLK_TA.UNPLUG_TIMER, cats(BLK_TC.QUEUE), 0n, 0, be64(3n)),
    r(BLK_TA.BOUNCE, cats(BLK_TC.QUEUE, W), 500n, 4096),
    r(BLK_TA.DRV_DATA, cats(BLK_TC.DRV_DATA), 0n, 0, new Uint8Array([1, 2, 3, 4])),
    r(BLK_TA.ABORT, cats(BLK_TC.QUEUE), 0n, 0),
    r(BLK_TA.QUEUE | 0x100, cats(BLK_TC.QUEUE, W), 600n, 4096, new Uint8Array(8)),
    r(BLK_TA.QUEUE, cats(BLK_TC.QUEUE, BLK_TC.PC, W), 0n, 4096),
    r(BLK_TA.ISSUE, cats(BLK_TC.ISSUE, BLK_TC.PC, W), 0n, 4096, cdb),
    r(BLK_TA.COMPLETE, cats(BLK_TC.COMPLETE, BLK_TC.PC, W), 0n, 4096, cdb),
    r(BLK_TA.REQUEUE, cats(BLK_TC.REQUEUE, BLK_TC.PC), 0n, 512),
    r(BLK_TA.SPLIT, cats(BLK_TC.READ), 2n ** 40n, 65536, be64(2n ** 40n + 128n)),
    r(BLK_TA.REMAP, cats(BLK_TC.QUEUE, BLK_TC.DISCARD, W), 123456789n, 1 << 20,
      new Uint8Array([0x10, 0x30, 0, 1, 0, 0x80, 0, 0x10, 0, 0, 0, 0, 0, 0, 0x30, 0x39])),
    r(BLK_TA.PLUG, cats(BLK_TC.QUEUE), 0n, 0, undefined, { pid: 0xfffffff0, sequence: 0x80000001 }),
    r(BLK_TA.COMPLETE, cats(BLK_TC.COMPLETE, BLK_TC.READ), 300n, 8192),
  ];
  const other = makeDev(259, 3);
  const twoDev: BlkRecord[] = base.slice(0, 12).map((x, k) => (k % 3 === 1 ? { ...x, device: other } : x));
  return {
    'odd-actions': { 0: encodeRecords(odd) },
    'two-devices': { 0: encodeRecords(twoDev) },
  };
}
