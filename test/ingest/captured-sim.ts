// A seeded simulation of a captured swap recording with its ground truth, for the property test:
// external writes (kswapd) of pages from a small pool (zeros included), the recorder's own
// writes, read-backs of two pages that may stay in flight across the next actions (the read
// itself happens at its start or its end), swap-ins that free their slot just after completing,
// discards, releases whose slots are freed at random moments inside their window, and
// two-page writes that stay in flight across the next actions (their bytes land at a random
// moment inside). The
// device's true contents and notify_free are tracked, and samples taken between actions.
import { mulberry32 } from '../../src/content/prng';
import type { OpEntry } from '../../src/record/oplog';
import { PageStore } from '../../src/record/page-store';
import { PAGE_SIZE } from '../../src/units';
import { captureRead, disksize, filled, FixBio, FixBundle, FixSample, procStart, release, t } from './captured-fixture';

const PAGES = 8;
const STEP = 40;
export const PIDS = { kswapd: 100, recorder: 200, proc: 300, own: 500 };

export interface SimWrite { readonly q: number; readonly page: number; readonly store: number; readonly own: boolean }
export interface Sim { readonly fix: FixBundle; readonly writes: SimWrite[]; readonly zero: number }

interface Effect { readonly at: number; readonly run: () => void }

export function simulate(seed: number, actions = 60): Sim {
  const rnd = mulberry32(seed);
  const pick = (n: number): number => Math.floor(rnd() * n);
  const store = new PageStore();
  const pool = [0, 0x11, 0x22, 0x33, 0x44].map((b) => store.add(filled(b)));
  const zero = pool[0];
  const content = new Array<number>(PAGES).fill(zero);
  let notifyFree = 0;
  let writeIos = 0;
  const bios: FixBio[] = [];
  const ops: OpEntry[] = [disksize(PAGES * PAGE_SIZE), procStart(PIDS.proc, 5)];
  const samples: FixSample[] = [];
  const writes: SimWrite[] = [];
  const effects: Effect[] = [];
  let captureBusyUntil = 0;
  let longBusyUntil = 0;
  const run = (until: number): void => {
    effects.sort((a, b) => a.at - b.at);
    while (effects.length && effects[0].at <= until) effects.shift()!.run();
  };
  for (let k = 1; k <= actions; k++) {
    const T = k * STEP;
    run(T - 1);
    const x = pick(PAGES);
    const r = rnd();
    if (r < 0.1) {
      samples.push({ at: T, notifyFree, writeIos, label: `s${samples.length}` });
    } else if (r < 0.16 && T > longBusyUntil && x < PAGES - 1) {
      const c = T + STEP * (1 + pick(2)) + 2;
      longBusyUntil = c;
      const st = [pool[pick(pool.length)], pool[pick(pool.length)]];
      bios.push({ op: 'write', page: x, pages: 2, pid: PIDS.kswapd, q: T, c });
      writes.push({ q: T, page: x, store: st[0], own: false }, { q: T, page: x + 1, store: st[1], own: false });
      writeIos++;
      effects.push({ at: T + 1 + pick(c - T - 2), run: () => { content[x] = st[0]; content[x + 1] = st[1]; } });
    } else if (r < 0.4) {
      const own = rnd() < 0.2;
      const s = pool[pick(pool.length)];
      bios.push({ op: 'write', page: x, pid: own ? PIDS.own : PIDS.kswapd, q: T, c: T + 2 });
      if (own) {
        ops.push({ kind: 'io', step: 1, thread: 0, pid: PIDS.own, op: 'write', off: x * PAGE_SIZE, len: PAGE_SIZE,
          t0: t(T - 1), t1: t(T + 3), n: PAGE_SIZE, errno: null, pages: [s] });
      }
      writes.push({ q: T, page: x, store: s, own });
      writeIos++;
      effects.push({ at: T + 1, run: () => { content[x] = s; } });
    } else if (r < 0.7 && T > captureBusyUntil && x < PAGES - 1) {
      const c = T + STEP * pick(3) + 3;
      captureBusyUntil = c;
      const when = rnd() < 0.5 ? T + 1 : c - 1;
      bios.push({ op: 'read', page: x, pages: 2, pid: PIDS.recorder, q: T, c });
      const entry = { ...captureRead(PIDS.recorder, x, T, c, [zero, zero]) } as { pages: number[] };
      ops.push(entry as unknown as OpEntry);
      effects.push({ at: when, run: () => { entry.pages = [content[x], content[x + 1]]; } });
    } else if (r < 0.82) {
      bios.push({ op: 'read', page: x, pid: PIDS.proc, q: T, c: T + 2 });
      effects.push({ at: T + 3, run: () => { content[x] = zero; notifyFree++; } });
    } else if (r < 0.9) {
      bios.push({ op: 'discard', page: x, pid: PIDS.kswapd, q: T, c: T + 2 });
      effects.push({ at: T + 1, run: () => { content[x] = zero; notifyFree++; } });
    } else {
      const slots = [...new Set([x, pick(PAGES), pick(PAGES)])];
      ops.push(release(PIDS.proc, T + 1, T + 30, slots));
      for (const s of slots) effects.push({ at: T + 1 + pick(29), run: () => { content[s] = zero; notifyFree++; } });
    }
  }
  run(Infinity);
  samples.push({ at: (actions + 1) * STEP, notifyFree, writeIos, label: 'end' });
  return { fix: { bios, ops, samples: [{ at: 2, notifyFree: 0, writeIos: 0, label: 'start' }, ...samples], store,
    disksize: PAGES * PAGE_SIZE }, writes, zero };
}
