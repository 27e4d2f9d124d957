// The store interface, shaped like an event store (DESIGN.md decision 8) so a server-backed
// store can sit behind it later. One stream per store: the log.
//
// Positions and versions: the event at position p has seq p (0-based). A store's version is
// the number of events in it, i.e. the position the next event takes. append() succeeds only
// if expectedVersion equals the version, and returns the new version.
import type { LogHeader, Recorded, ZramEvent } from '../events/types';
import type { Nanos } from '../units';

/** An event to append. seq may be omitted (the store assigns it); if given it must be the
 * position the event takes. */
export type NewEvent = Readonly<{ seq?: number; ts: Nanos; event: ZramEvent }>;

export interface EventStore {
  readonly header: LogHeader;
  /** Number of events stored. */
  readonly version: number;
  /** Appends all of `events` or none; WrongExpectedVersionError if the version is not
   * `expectedVersion`, LogAppendError/EventCodecError for an event the log cannot hold. */
  append(events: readonly NewEvent[], expectedVersion: number): Promise<number>;
  /** Events with seq >= fromPosition that were stored when read() was called, in order, with
   * their pages resolved to bytes. */
  read(fromPosition?: number): AsyncIterable<Recorded<ZramEvent>>;
  /** The same events as read(), synchronously: a replay folds them without an await per event
   * (each async stage costs microseconds per event, more than a page's compression). */
  readSync(fromPosition?: number): Iterable<Recorded<ZramEvent>>;
  close(): Promise<void>;
}
