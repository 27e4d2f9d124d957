// The words a shared feed's producer (the main thread) and its readers (one per fold) agree
// through: how many messages were published, a counter bumped when a reader wakes the producer,
// the chunk count the waiting producer needs a reader to reach (0: it is not waiting), and each
// reader's chunks consumed (DONE once it reads no more). Int32 words of a SharedArrayBuffer.
// A reader wakes the producer only when it asked and the slowest reader got there: a wake-up per
// chunk cost more than the decode.
export const PUBLISHED = 0;
export const MOVED = 1;
export const WAKE_AT = 2;
const READERS_AT = 3;
export const DONE = 0x7fffffff;

export const consumedWord = (slot: number): number => READERS_AT + slot;

export const newControl = (readers: number): Int32Array =>
  new Int32Array(new SharedArrayBuffer(4 * (READERS_AT + readers)));

/** What a reader receives on its port, in order: chunks, then an end or an error. */
export type FeedMessage =
  | { readonly type: 'chunk'; readonly chunk: SharedArrayBuffer }
  | { readonly type: 'end' }
  | { readonly type: 'error'; readonly message: string; readonly badInput: boolean };

/** A reader has consumed `n` chunks (DONE: it reads no more); wakes the producer if it waits for
 * that and every reader has got there (a reader retired by the producer counts as DONE). */
export function setConsumed(ctl: Int32Array, slot: number, n: number): void {
  Atomics.store(ctl, consumedWord(slot), n);
  const want = Atomics.load(ctl, WAKE_AT);
  if (want === 0 || n < want) return;
  for (let w = READERS_AT; w < ctl.length; w++) if (Atomics.load(ctl, w) < want) return;
  wake(ctl);
}

export function wake(ctl: Int32Array): void {
  Atomics.add(ctl, MOVED, 1);
  Atomics.notify(ctl, MOVED);
}
