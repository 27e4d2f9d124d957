// Synthetic record bundles for the captured-contents and slot-free rules: bios written as a real
// blktrace v7 trace (src/blktrace writer), ops.jsonl, samples.jsonl and the page store by hand.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BLK_TA, BLK_TC, BlkRecord, makeDev, tcAct } from '../../src/blktrace/record';
import { writeCpuFiles } from '../../src/blktrace/write-files';
import type { OpEntry } from '../../src/record/oplog';
import { PageStore } from '../../src/record/page-store';
import { PAGE_SIZE } from '../../src/units';

export const DEV = makeDev(251, 7);
export const T0 = 1_000_000_000n; // every time is T0 + a small offset (ns)

export interface FixBio {
  readonly op: 'read' | 'write' | 'discard';
  readonly page: number;
  readonly pages?: number;       // default 1
  readonly pid: number;
  readonly q: number;            // ns after T0
  readonly c: number | null;
}

export interface FixSample { readonly at: number; readonly notifyFree: number; readonly missFree?: number;
  readonly writeIos: number; readonly label?: string }

export interface FixBundle {
  readonly mode?: 'captured' | 'exact';
  readonly bios: readonly FixBio[];
  readonly ops: readonly OpEntry[];
  readonly samples: readonly FixSample[];
  readonly store: PageStore;
  readonly disksize?: number;
}

export const t = (ns: number): string => String(T0 + BigInt(ns));

/** A page filled with byte `b` (0: the zero page). */
export const filled = (b: number): Uint8Array => new Uint8Array(PAGE_SIZE).fill(b);

function records(bios: readonly FixBio[]): BlkRecord[] {
  const out: { time: bigint; r: Omit<BlkRecord, 'sequence'> }[] = [];
  const cat = (op: FixBio['op']): number => tcAct(op === 'read' ? BLK_TC.READ : op === 'write' ? BLK_TC.WRITE : BLK_TC.DISCARD)
    | (op === 'discard' ? tcAct(BLK_TC.WRITE) : 0);
  for (const b of bios) {
    const base = { version: 7, sector: BigInt(b.page * 8), bytes: (b.pages ?? 1) * PAGE_SIZE, actionHigh: 0, pid: b.pid,
      device: DEV, cpu: 0, error: 0, pdu: new Uint8Array(0), offset: 0 };
    out.push({ time: T0 + BigInt(b.q), r: { ...base, time: T0 + BigInt(b.q), action: (BLK_TA.QUEUE | cat(b.op)) >>> 0 } });
    if (b.c !== null) {
      out.push({ time: T0 + BigInt(b.c), r: { ...base, time: T0 + BigInt(b.c), action: (BLK_TA.COMPLETE | cat(b.op)) >>> 0 } });
    }
  }
  out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return out.map((x, i) => ({ ...x.r, sequence: i + 1 }));
}

const pad = (n: number): string => String(n).padStart(8);

function sampleLine(s: FixSample): string {
  const stat = Array.from({ length: 17 }, (_, i) => (i === 4 ? s.writeIos : 0)).map(pad).join(' ');
  return JSON.stringify({ ts: t(s.at), t1: t(s.at), label: s.label ?? 'interval', quiet: true,
    mmStat: `${Array(9).fill(pad(0)).join(' ')}\n`, ioStat: `${pad(0)} ${pad(0)} 0 ${pad(s.notifyFree)}\n`,
    debugStat: `version: 1\n0 ${pad(s.missFree ?? 0)}\n`, stat: `${stat}\n` }) + '\n';
}

/** Writes the bundle into a new temporary directory; returns it. */
export function writeFixture(f: FixBundle): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-captured-'));
  const files = writeCpuFiles(path.join(dir, 'trace'), records(f.bios)).map((p) => path.basename(p));
  const { bin, sha } = f.store.serialize();
  fs.writeFileSync(path.join(dir, 'pages.bin.gz'), bin);
  fs.writeFileSync(path.join(dir, 'pages.sha256'), sha);
  fs.writeFileSync(path.join(dir, 'ops.jsonl'), f.ops.map((o) => JSON.stringify(o) + '\n').join(''));
  fs.writeFileSync(path.join(dir, 'samples.jsonl'), f.samples.map(sampleLine).join(''));
  const manifest = {
    format: 'zram-ref-record-bundle', formatVersion: 1, status: 'ok', failure: null, created: '2026-12-04T00:00:00Z',
    toolVersion: '0.0.0', kernelRelease: 'synthetic', pageSize: PAGE_SIZE,
    device: { name: 'zram7', created: true, algorithm: 'lz4', algorithmParams: null, disksize: f.disksize ?? 1 << 20,
      memLimit: null, initialMmStat: `${Array(9).fill(pad(0)).join(' ')}\n` },
    capture: { method: 'ftrace', note: '', clock: 'mono', traceName: 'trace', traceFiles: files, settings: {},
      cpuStats: [], lost: 0, drained: true, restoreErrors: [] },
    contents: { mode: f.mode ?? 'captured', distinctPages: f.store.size, imagePages: null },
    samples: { count: f.samples.length, intervalMs: 0, quiet: true }, workload: null, command: ['synthetic'],
    commandExit: 0, durationNs: '0', ios: 0,
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

/** ops.jsonl entries. */
export const disksize = (size: number): OpEntry =>
  ({ kind: 'store', step: 0, attr: 'disksize', value: String(size), t0: t(0), t1: t(1), errno: null });
export const captureRead = (pid: number, page: number, q: number, c: number, stores: number[]): OpEntry =>
  ({ kind: 'io', step: 0, thread: -1, capture: true, pid, op: 'read', off: page * PAGE_SIZE,
    len: stores.length * PAGE_SIZE, t0: t(q - 1), t1: t(c + 1), n: stores.length * PAGE_SIZE, errno: null, pages: stores });
export const procStart = (pid: number, at: number): OpEntry =>
  ({ kind: 'proc', step: 0, pid, event: 'start', t0: t(at), t1: t(at + 1) });
export const release = (pid: number, t0: number, t1: number, slots: number[], reason: 'exit' | 'free' = 'free'): OpEntry =>
  ({ kind: 'release', step: 0, pid, reason, t0: t(t0), t1: t(t1), slots });
export const swapoff = (pid: number, t0: number, t1: number): OpEntry =>
  ({ kind: 'swapoff', step: 0, pid, t0: t(t0), t1: t(t1), errno: null });
