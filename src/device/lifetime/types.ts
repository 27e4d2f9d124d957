// Metadata lifetime: how a design orders bios against reset (zram-6.18.md §3). Each design is
// a sibling implementation of this interface; the reducer calls it at the points where the
// kernel designs differ and does the common work itself.
import type { Errno } from '../../errors';
import type { ZramEvent } from '../../events/types';
import type { BioQueued, DeviceState } from '../state';

export type LifetimeName = 'claim' | 'refcount' | 'init-lock';
type Ev<T extends ZramEvent['type']> = Extract<ZramEvent, { type: T }>;

export interface MetaLifetime {
  readonly name: LifetimeName;
  /** A bio entered zram's submit path: null to accept it, or the errno that fails it at once. */
  bioQueued(s: DeviceState, bio: BioQueued): Errno | null;
  /** The accepted bio finished (its work is done by the reducer before this call). */
  bioCompleted(s: DeviceState, bio: BioQueued): void;
  /** `echo value > reset`: null when the reset may proceed (ResetCompleted will follow). */
  resetRequested(s: DeviceState, e: Ev<'ResetRequested'>): Errno | null;
  /** True when the pending reset may run now. */
  resetMayComplete(s: DeviceState): boolean;
  resetDone(s: DeviceState): void;
  opened(s: DeviceState, fd: number): Errno | null;
  closed(s: DeviceState, fd: number): Errno | null;
}
