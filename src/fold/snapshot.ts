// A fold snapshot: everything a replay on the model holds after folding events 0..at-1, so a
// fold can continue from event `at` instead of folding the prefix again (replay --from N). It is
// the device state (slot table with the stored objects, zsmalloc pool, stats, config, lifetime
// bookkeeping), the driver's (bios in flight, counts, last event) and the stream stages' (what-if
// knobs seen, disksize in force, generated pages), serialised with node:v8, which keeps Maps,
// typed arrays and shared references. Left out and rebuilt: the dependencies (functions), the
// compression memo (a cache that never changes a result), and class prototypes, which v8 drops
// and restore() puts back (the pool's store and fullness lists).
import * as v8 from 'node:v8';
import { newCompressionMemo } from '../device/compress-page';
import type { DeviceDeps, DeviceState } from '../device/state';
import type { CheckState } from '../replay/input-check';
import type { FillState } from '../replay/content-fill';
import type { KnobsState } from '../replay/knobs';
import type { DriverState } from '../replay/run';
import { FullnessLists } from '../zsmalloc/fullness';
import { poolStateOf, zsPoolFromState } from '../zsmalloc/pool';
import type { PoolState } from '../zsmalloc/pool-state';
import { ZspageStore } from '../zsmalloc/zspage-store';

/** The fold's state between two log events, all of it mutable objects the fold updates. */
export interface FoldState {
  readonly device: DeviceState;
  readonly driver: DriverState;
  readonly knobs: KnobsState;
  readonly check: CheckState;
  readonly fill: FillState;
}

export const SNAPSHOT_VERSION = 3; // 2: bios in flight in a BioTable (device/bio-table.ts); 3: overlapping writes

/** The state as bytes. Throws for a device whose pool was not made by createZsPool. */
export function captureFold(s: FoldState): Uint8Array {
  const pool = s.device.pool;
  const poolState = pool === null ? null : poolStateOf(pool);
  if (poolState === undefined) throw new Error('the model\'s zsmalloc pool cannot be snapshotted (not made by createZsPool)');
  const { deps: _deps, memo: _memo, ...device } = s.device;
  const all = { device: { ...device, pool: poolState }, driver: s.driver, knobs: s.knobs, check: s.check, fill: s.fill };
  return v8.serialize(all);
}

/** The state back from captureFold's bytes, with `deps` as the device's dependencies. */
export function restoreFold(bytes: Uint8Array, deps: DeviceDeps): FoldState {
  type Stored = Omit<DeviceState, 'deps' | 'memo' | 'pool'> & { pool: PoolState | null };
  const raw = v8.deserialize(bytes) as Omit<FoldState, 'device'> & { device: Stored };
  const pool = raw.device.pool === null ? null : zsPoolFromState(withPrototypes(raw.device.pool));
  const device: DeviceState = { ...raw.device, deps, memo: newCompressionMemo(), pool };
  return { device, driver: raw.driver, knobs: raw.knobs, check: raw.check, fill: raw.fill };
}

function withPrototypes(st: PoolState): PoolState {
  Object.setPrototypeOf(st.zs, ZspageStore.prototype);
  Object.setPrototypeOf(st.lists, FullnessLists.prototype);
  return st;
}
