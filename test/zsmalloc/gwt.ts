import { createZsPool, type ZsPoolModel } from '../../src/zsmalloc/pool';
import type { Handle } from '../../src/units';

/*
 * A tiny given/when/then harness for pool scenarios. Handles are named by malloc order:
 * h(1) is the first handle malloc'd in the scenario, h(2) the second, ...
 */

export interface World {
  readonly pool: ZsPoolModel;
  readonly handles: Handle[];
  h(n: number): Handle;
}
export type Step = (w: World) => unknown;

export const malloc = (size: number, count = 1): Step => (w) => {
  for (let i = 0; i < count; i++) w.handles.push(w.pool.malloc(size));
};
export const free = (...ns: number[]): Step => (w) => { for (const n of ns) w.pool.free(w.h(n)); };
export const compact: Step = (w) => w.pool.compact();

function newWorld(): World {
  const handles: Handle[] = [];
  return {
    pool: createZsPool(),
    handles,
    h(n: number): Handle {
      if (n < 1 || n > handles.length) throw new Error(`scenario has no handle #${n}`);
      return handles[n - 1];
    },
  };
}

export function given(...setup: Step[]) {
  return {
    when(action: Step) {
      return {
        then(check: (w: World, result: unknown) => void): void {
          const w = newWorld();
          for (const s of setup) s(w);
          check(w, action(w));
        },
      };
    },
  };
}

/** Fullness lists of one class, non-empty groups only: group -> [zspage id, inuse] head first. */
export function lists(pool: ZsPoolModel, classIndex: number): Record<number, [number, number][]> {
  const c = pool.snapshot().classes.find((x) => x.index === classIndex);
  const out: Record<number, [number, number][]> = {};
  c?.groups.forEach((l, g) => { if (l.length > 0) out[g] = l.map((z) => [z.id, z.inuse]); });
  return out;
}

/** Where handles #ns sit, as "zspage/obj". */
export const places = (w: World, ...ns: number[]): string[] =>
  ns.map((n) => { const l = w.pool.locate(w.h(n)); return `${l.zspage}/${l.obj}`; });
