// What crosses the thread boundary in a parallel compare. The main thread reads the log once and
// sends its events in numbered batches to every worker thread; each worker folds its share of
// the configurations from them. Page contents do not travel in the messages: they sit once in
// shared memory (page-arena.ts) and events name them by index. Everything else is cloned.
import type { LogHeader, Recorded, ZramEvent } from '../events/types';
import type { Report } from '../report';
import type { CompareConfig } from '../replay/compare-config';
import type { InputLosses } from '../replay/losses';

/** The input as the main thread opened it: a log (ingested and cached if need be). */
export interface OpenedLog {
  readonly path: string;
  readonly name: string;
  readonly digest: string;
  readonly header: LogHeader;
  readonly events: number;
  readonly warnings: readonly string[];
  readonly losses: InputLosses | null;
}

export interface FoldJob {
  readonly index: number;
  readonly config: CompareConfig;
  readonly kernelConfig: string;
  readonly variant: string;
  readonly content: string;
  readonly every: number;
  readonly log: OpenedLog;
  /** The compressed-length memo every fold of this compare shares (compress/memo.ts). */
  readonly memo: SharedArrayBuffer;
}

export interface FoldCost { readonly pages: number; readonly nsPerPage: number | null }

export type FoldOutcome =
  | { readonly ok: true; readonly report: Report; readonly cost: FoldCost }
  | { readonly ok: false; readonly message: string; readonly badInput: boolean };

/** An event as sent: a BioQueued's pages are indices into the page arena. */
export type WireEvent = Recorded<ZramEvent> | (Omit<Recorded<ZramEvent>, 'event'> & { readonly event: WireBio });
export type WireBio = Omit<Extract<ZramEvent, { type: 'BioQueued' }>, 'pages'> & { readonly pages: readonly number[] };

export interface EventBatch {
  readonly type: 'events';
  readonly batch: number;
  /** Arena chunks new since the last batch, and the content key of each page added since. */
  readonly chunks: readonly SharedArrayBuffer[];
  readonly keys: readonly number[];
  readonly events: readonly WireEvent[];
}

export type ToWorker =
  | { readonly type: 'start'; readonly jobs: readonly FoldJob[] }
  | EventBatch
  | { readonly type: 'end' };

export type FromWorker =
  | { readonly type: 'ack'; readonly batch: number }
  | { readonly type: 'progress'; readonly index: number; readonly done: number; readonly total: number }
  | { readonly type: 'outcome'; readonly index: number; readonly outcome: FoldOutcome };
