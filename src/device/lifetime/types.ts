// Metadata lifetime: how a design orders bios against reset (zram-6.18.md §3). Each design is
// a sibling implementation of this interface; the reducer calls it at the points where the
// kernel designs differ and does the common work (and the common checks) itself.
import type { Errno } from '../../errors';
import type { ZramEvent } from '../../events/types';
import type { BioQueued, DeviceState } from '../state';

/** 'refcount-nowake' is refcount as merged: its put never wakes the waiting reset (§3.2 note). */
export type LifetimeName = 'claim' | 'refcount' | 'refcount-nowake' | 'init-lock';
type Ev<T extends ZramEvent['type']> = Extract<ZramEvent, { type: T }>;

export interface MetaLifetime {
  readonly name: LifetimeName;
  /** Why the caller of `e` would still be blocked now (a bio waiting for init_lock, a reset
   * waiting for references, a store waiting for the reset's init_lock), or null when `e` may
   * happen. The explorer enables a step only when this is null; the reducer rejects such
   * events of its lifetime branches as impossible orders. */
  waitsFor(s: DeviceState, e: ZramEvent): string | null;
  /** A bio entered zram's submit path: null to accept it (it may still wait for a lock), or
   * the errno that fails it at once. */
  bioQueued(s: DeviceState, bio: BioQueued): Errno | null;
  /** The accepted bio finished (its work is done by the reducer before this call). */
  bioCompleted(s: DeviceState, bio: BioQueued): void;
  /** `echo value > reset`: null when the reset may proceed (ResetCompleted will follow). */
  resetRequested(s: DeviceState, e: Ev<'ResetRequested'>): Errno | null;
  /** The reset ran (device state already reset): release what the design holds. */
  resetDone(s: DeviceState): void;
  opened(s: DeviceState, fd: number): Errno | null;
  closed(s: DeviceState, fd: number): Errno | null;
}
