// One design following a schedule of attempts. A thread attempts its next step; if the design
// blocks it there, the attempt waits (the thread sleeps) and runs as soon as the design lets it,
// right after the step that unblocked it. In a single-design exploration only runnable steps
// are attempted, so nothing waits; in a diff, the schedule one design can run is followed by
// the other as the kernel would: its blocked threads sleep and wake.
import type { DeviceState } from '../device/state';
import { advance, status, type Machine, type Side, type Status } from './side';

export interface Lane {
  readonly side: Side;
  /** Threads whose attempted steps wait, in attempt order (a thread may appear more than once). */
  readonly queue: readonly number[];
}

/** Steps of thread t attempted so far (run or waiting). */
export const attempted = (l: Lane, t: number): number => l.side.pcs[t] + l.queue.filter((x) => x === t).length;

export const runsNow = (l: Lane, st: Status, t: number): boolean => !l.queue.includes(t) && st.kind === 'ready';

const nextStep = (m: Machine, side: Side, t: number) => m.sc.threads[t].steps[side.pcs[t]];

/** Thread t attempts its next step on `dev` (rebuilt from l.side); then every waiting attempt
 * that has become runnable runs, oldest first. */
export function attempt(m: Machine, l: Lane, dev: DeviceState, t: number): Lane {
  let side = l.side;
  const queue = [...l.queue];
  if (runsNow(l, status(m, side, dev, t), t)) side = advance(m, side, dev, nextStep(m, side, t));
  else queue.push(t);
  for (let k = 0; k < queue.length;) {
    const u = queue[k];
    if (queue.indexOf(u) === k && status(m, side, dev, u).kind === 'ready') {
      side = advance(m, side, dev, nextStep(m, side, u));
      queue.splice(k, 1);
      k = 0;
    } else {
      k++;
    }
  }
  return { side, queue };
}

export const laneKey = (l: Lane, device: string): string =>
  JSON.stringify([l.side.pcs, l.side.fds, l.side.results, l.queue]) + device;
