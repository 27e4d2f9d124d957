// What folding one event produced: the kernel-visible results. Expected failures are data.
import type { Errno } from '../errors';
import type { BioOp } from '../events/types';

export type Outcome =
  | { readonly kind: 'store'; readonly attr: string; readonly errno: Errno | null }
  | { readonly kind: 'open'; readonly fd: number; readonly errno: Errno | null }
  | { readonly kind: 'close'; readonly fd: number; readonly errno: Errno | null }
  | { readonly kind: 'resetCompleted'; readonly errno: Errno | null }
  /** A completed bio. `data` holds what a read returned (present only for successful reads); a
   * view of a buffer the next read reuses (src/device/bio.ts): use or copy it at once. `digest`
   * instead of data: a one-page read whose digest was known without its bytes (payload 'reference'). */
  | { readonly kind: 'bio'; readonly bioId: number; readonly op: BioOp; readonly errno: Errno | null;
      readonly data?: Uint8Array; readonly digest?: string }
  /** An event the model could not apply (a malformed log: completion without queue, ...). */
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: 'slotFree'; readonly index: number }
  /** A recorded shrinker run: what the model's pool did with the kernel's scan budget. */
  | { readonly kind: 'shrinker'; readonly freeable: number; readonly freed: number; readonly kernelFreeable: number;
      readonly kernelFreed: number }
  | { readonly kind: 'sample' };
