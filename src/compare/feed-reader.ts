// A fold's side of compare's shared decode: the log's events as the main thread decoded them,
// read synchronously from this fold's port (a replay's stages are synchronous generators), and
// presented as the read-only EventStore the fold reads once from the start. Page data are views
// into the shared chunks: no copy per fold.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { LogHeader, Recorded, ZramEvent } from '../events/types';
import type { EventStore } from '../log';
import { unpackChunk } from '../log/shared-chunk';
import { BadInputError } from '../replay/bad-input';
import { DONE, PUBLISHED, setConsumed, type FeedMessage } from './feed-control';

/** What a fold's thread is given to read the feed. */
export interface FeedPort {
  readonly port: MessagePort;
  readonly control: Int32Array;
  readonly slot: number;
}

/** The next message, waiting for the producer when there is none yet. */
function next(f: FeedPort): FeedMessage {
  for (;;) {
    const published = Atomics.load(f.control, PUBLISHED);
    const m = receiveMessageOnPort(f.port);
    if (m !== undefined) return m.message as FeedMessage;
    Atomics.wait(f.control, PUBLISHED, published, 1000);
  }
}

function* feedEvents(f: FeedPort, pageSize: number): Generator<Recorded<ZramEvent>> {
  let consumed = 0;
  try {
    for (;;) {
      const m = next(f);
      if (m.type === 'end') return;
      if (m.type === 'error') throw m.badInput ? new BadInputError(m.message) : new Error(m.message);
      yield* unpackChunk(m.chunk, pageSize);
      setConsumed(f.control, f.slot, ++consumed);
    }
  } finally {
    setConsumed(f.control, f.slot, DONE);
  }
}

/** The feed as a store of `events` events, read once from position 0. */
export function feedStore(f: FeedPort, header: LogHeader, events: number, name: string): EventStore {
  let read = false;
  const readSync = (from = 0): Iterable<Recorded<ZramEvent>> => {
    if (from !== 0 || read) throw new Error(`${name}: compare's shared log is read once, from its start`);
    read = true;
    return feedEvents(f, header.pageSize);
  };
  return {
    header, version: events, readSync,
    append: async () => { throw new Error(`${name}: a log read for folding is read-only`); },
    read: async function* (from = 0) { yield* readSync(from); },
    close: async () => undefined,
  };
}
