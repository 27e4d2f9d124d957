// Where a fold starts: event 0 on a new device, or, for `replay --from N` on the model, the
// latest snapshot taken at or before N (the events between it and N are folded with their
// outputs dropped). A real device's state cannot be restored: snapshots are model-only.
import type { DeviceState } from '../device/state';
import type { Recorded, ZramEvent } from '../events/types';
import { BadInputError } from '../replay/bad-input';
import type { Implementation } from '../replay/implementation';
import { ModelImplementation } from '../replay/model-implementation';
import { newDriverState } from '../replay/run';
import { captureFold, restoreFold, type FoldState } from './snapshot';
import type { SnapshotFiles } from './snapshot-file';

export interface FoldStart {
  readonly at: number;              // events already folded (0, or the snapshot's)
  readonly state: FoldState | null; // null on a real device: its state is the device
  readonly impl: Implementation;
}

export const newFoldState = (device: DeviceState): FoldState =>
  ({ device, driver: newDriverState(), knobs: { seen: new Set() }, check: { disksize: 0 }, fill: { generated: 0 } });

export function foldStart(impl: Implementation, from: number, files: SnapshotFiles | null, variant: string): FoldStart {
  if (!(impl instanceof ModelImplementation)) {
    if (from > 0 || files) {
      throw new BadInputError('--from and --snapshot-every need --target model: a real device\'s state cannot be restored');
    }
    return { at: 0, state: null, impl };
  }
  const snap = from > 0 && files ? files.latest(from) : null;
  if (!snap) return { at: 0, state: newFoldState(impl.deviceState), impl };
  const state = restoreFold(snap.body, impl.deviceState.deps);
  return { at: snap.at, state, impl: new ModelImplementation(variant, impl.deviceState.deps, state.device) };
}

/** The log's events from `start.at`, saving a snapshot before event n whenever `save(n)` says so
 * (the fold has then taken in every event before n, and nothing of n: the stages pull lazily). */
export function withSnapshots(events: Iterable<Recorded<ZramEvent>>, start: FoldStart,
  files: SnapshotFiles | null, save: (n: number) => boolean): Iterable<Recorded<ZramEvent>> {
  return files ? snapshotting(events, start, files, save) : events; // none to save: no stage at all
}

function* snapshotting(events: Iterable<Recorded<ZramEvent>>, start: FoldStart,
  files: SnapshotFiles | null, save: (n: number) => boolean): Generator<Recorded<ZramEvent>> {
  for (const r of events) {
    if (files && start.state && r.seq > start.at && save(r.seq)) files.save(r.seq, captureFold(start.state));
    yield r;
  }
}
