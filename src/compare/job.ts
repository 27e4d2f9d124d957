// What crosses the thread boundary in a parallel compare. The main thread opens the input once
// (ingesting it if need be), decodes it once per round of folds into shared chunks (feed.ts) and
// sends each worker thread one configuration at a time with the port its chunks come on; the
// worker answers with progress and the outcome. The compressed-length memo, the chunks and the
// feed's control words are shared memory; everything else is cloned.
import type { MessagePort } from 'node:worker_threads';
import type { LogHeader } from '../events/types';
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

/** One fold: `port` brings the log's decoded events, `control` and `slot` are the feed's words;
 * `collect`: the thread's previous fold may hold shared chunks nobody else keeps (worker.ts). */
export type ToWorker = { readonly type: 'start'; readonly job: FoldJob; readonly port: MessagePort;
  readonly control: Int32Array; readonly slot: number; readonly collect: boolean };

export type FromWorker =
  | { readonly type: 'progress'; readonly index: number; readonly done: number; readonly total: number }
  | { readonly type: 'outcome'; readonly index: number; readonly outcome: FoldOutcome };
