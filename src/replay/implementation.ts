// An Implementation folds Recorded events and shows what the device did (STYLE.md §4, rule 10):
// the model (the pure reducer, per metadata-lifetime variant) and a real zram device are two
// implementations of it, so their outputs have one format and `diff` can compare them.
// STYLE.md sketches it as initialState/evolve/observe over a state value; here each
// implementation owns its state (a real device's state is the device) and may be async.
import type { Observation } from '../device/observe';
import type { BioOp, Recorded, ZramEvent } from '../events/types';

/** The kernel-visible result of one event. `status` is "ok" or an errno name. */
export type Result =
  | { readonly kind: 'bio'; readonly bioId: number; readonly op: BioOp; readonly status: string; readonly data?: Uint8Array;
    /** A read's content digest given instead of its bytes (the model, payload 'reference'). */
    readonly digest?: string }
  | { readonly kind: 'event'; readonly event: EventKind; readonly attr: string; readonly status: string };

export type EventKind = 'store' | 'open' | 'close' | 'reset_completed' | 'slot_free' | 'shrinker' | 'rejected' | 'unsupported';

export interface Implementation {
  /** "model:claim", "kernel", ...: goes into the outputs header. */
  readonly name: string;
  /** Folds one event in log order. null: the event has no result of its own (a bio that was
   * queued and accepted, a kernel sample). */
  apply(r: Recorded<ZramEvent>): Result | null | Promise<Result | null>;
  /** The device's stats now; the digest is "" when the internals are not visible, and may be ""
   * when `digest` is false (nobody reads it). */
  observe(digest?: boolean): Observation | Promise<Observation>;
  /** Releases what the implementation holds (a real device is reset and removed). */
  close(): Promise<void>;
}

export const OK = 'ok';
export const statusOf = (errno: string | null): string => errno ?? OK;
