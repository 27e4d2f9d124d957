// A scenario as system calls on 6.18, or why it has none. Each written step becomes one call:
// open(2) with O_DIRECT, close(2), pread/pwrite of whole pages, blkdiscard(8) for a discard
// (Node has no ioctl for BLKDISCARD), and `echo VALUE > ATTR` for reset and the stores.
import { PAGE_SIZE } from '../../units';
import type { Scenario, Step } from '../scenario';
import { bioPage } from '../steps';

export type SysOp =
  | { readonly kind: 'open' | 'close' }
  | { readonly kind: 'read'; readonly offset: number; readonly length: number }
  | { readonly kind: 'discard'; readonly offset: number; readonly length: number }
  | { readonly kind: 'write'; readonly offset: number; readonly length: number; readonly data: Uint8Array }
  | { readonly kind: 'store'; readonly attr: string; readonly value: string };

/** One source step as a call: `src` is the index into Scenario.sources. */
export interface PlannedCall { readonly src: number; readonly op: SysOp }

export interface Plan {
  readonly init: readonly PlannedCall[];
  readonly threads: readonly (readonly PlannedCall[])[];
}

export type Planned = { readonly ok: true; readonly plan: Plan } | { readonly ok: false; readonly reasons: string[] };

function callOf(sc: Scenario, st: Step): SysOp | null {
  const op = st.op;
  switch (op.kind) {
    case 'open': case 'close': return { kind: op.kind };
    case 'queue': {
      const at = { offset: op.page * PAGE_SIZE, length: op.pages * PAGE_SIZE };
      if (op.op === 'read') return { kind: 'read', ...at };
      if (op.op === 'discard') return { kind: 'discard', ...at };
      const data = new Uint8Array(at.length);
      const bioId = sc.bioIds.get(op.bio)!;
      for (let p = 0; p < op.pages; p++) data.set(bioPage(bioId, p).data, p * PAGE_SIZE);
      return { kind: 'write', ...at, data };
    }
    case 'resetRequest': return { kind: 'store', attr: 'reset', value: op.value };
    case 'store': return { kind: 'store', attr: op.attr, value: op.value };
    default: return null; // the second part of a step already planned
  }
}

/** Why thread steps have no 6.18 system-call form, one reason per line; empty if they all do. */
function inexpressible(sc: Scenario, hasBlkdiscard: boolean): string[] {
  const why: string[] = [];
  const at = (st: Step): string => `line ${sc.sources[st.src].line}`;
  for (const st of sc.init) {
    if (st.op.kind === 'open' || st.op.kind === 'close') {
      why.push(`${at(st)}: init '${st.op.kind}': no thread holds an fd across the run`);
    }
  }
  for (const th of sc.threads) {
    const where = `line ${th.line}: thread ${th.name}`;
    if (th.context === 'reclaim') {
      why.push(`${where}: reclaim context (swap-out through rw_page) cannot be issued from user space`);
    }
    const bios = th.steps.filter((st) => st.op.kind === 'queue');
    if (bios.length > 0 && !th.usesFd) {
      why.push(`${where}: bios without an opener; in 6.18 I/O from user space comes through an open fd, ` +
        'and a reset is refused while one is open');
    }
    for (const st of th.steps) {
      if ((st.op.kind === 'queue' || st.op.kind === 'complete') && st.part === '') {
        why.push(`${at(st)}: thread ${th.name}: a bio split into queue and complete; one system call cannot be split`);
      }
      if (st.op.kind === 'queue' && st.op.op === 'discard' && !hasBlkdiscard) {
        why.push(`${at(st)}: discard needs BLKDISCARD, which Node cannot issue, and util-linux blkdiscard ` +
          'was not found');
      }
    }
    let open = false;
    for (const st of th.steps) {
      if (st.op.kind === 'open' && open) {
        why.push(`${at(st)}: thread ${th.name} opens twice without a close ` +
          '(the model gives EBADF, the kernel a second fd)');
      }
      if (st.op.kind === 'close' && !open) why.push(`${at(st)}: thread ${th.name} closes with no open fd`);
      if (st.op.kind === 'open' || st.op.kind === 'close') open = st.op.kind === 'open';
    }
  }
  return [...new Set(why)];
}

export function planScenario(sc: Scenario, hasBlkdiscard: boolean): Planned {
  const reasons = inexpressible(sc, hasBlkdiscard);
  if (reasons.length > 0) return { ok: false, reasons };
  const calls = (steps: readonly Step[]): PlannedCall[] =>
    steps.flatMap((st) => { const op = callOf(sc, st); return op ? [{ src: st.src, op }] : []; });
  return { ok: true, plan: { init: calls(sc.init), threads: sc.threads.map((th) => calls(th.steps)) } };
}
