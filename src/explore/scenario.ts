// A scenario: a few threads of steps that the explorer interleaves, after some init steps run
// in order. Each written step (`write 0 1`, `reset`) is a source step that reports one result;
// steps with a queue and a completion (bios, reset) expand to two atomic parts, so other
// threads can run between them. The text format is documented in scenarios/README.md.
import type { IoContext, StoreAttr } from '../events/types';

export type BioOpName = 'read' | 'write' | 'discard';

export type StepOp =
  | { readonly kind: 'open' }
  | { readonly kind: 'close' }
  | { readonly kind: 'queue'; readonly bio: string; readonly op: BioOpName; readonly page: number; readonly pages: number }
  | { readonly kind: 'complete'; readonly bio: string }
  | { readonly kind: 'resetRequest'; readonly value: string }
  | { readonly kind: 'resetComplete' }
  | { readonly kind: 'store'; readonly attr: Exclude<StoreAttr, 'reset'>; readonly value: string };

/** One atomic part. `src` is the source step whose result it reports. */
export interface Step {
  readonly id: number;           // index into Scenario.steps
  readonly thread: number;       // index into Scenario.threads; -1 for init steps
  readonly src: number;          // index into Scenario.sources
  readonly op: StepOp;
  readonly part: string;         // '', 'Q', 'C', 'request', 'done': shown in interleavings
}

export interface SourceStep {
  readonly text: string;         // as written, e.g. 'write 0 1'
  readonly line: number;
  readonly thread: number;       // -1 for init
}

export interface Thread {
  readonly name: string;
  readonly context: IoContext;
  readonly line: number;
  readonly steps: readonly Step[];
  /** The thread opens the device: its bios go through that fd and are not issued without it.
   * A thread with no `open` issues bios directly (swap, or I/O the reset's opener check missed). */
  readonly usesFd: boolean;
}

export interface Scenario {
  readonly name: string;
  readonly init: readonly Step[];
  readonly threads: readonly Thread[];
  readonly steps: readonly Step[];
  readonly sources: readonly SourceStep[];
  /** bio name → bioId (1-based, in order of appearance). */
  readonly bioIds: ReadonlyMap<string, number>;
}

export const stepLabel = (sc: Scenario, st: Step): string => {
  const who = st.thread < 0 ? 'init' : sc.threads[st.thread].name;
  return `${who}.${sc.sources[st.src].text}${st.part ? ` (${st.part})` : ''}`;
};
