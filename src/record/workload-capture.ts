// Workloads with swap steps: the kernel writes swap-outs from the workload processes, so those
// writes are read back like a command's (readback.ts). Samples and swap releases drain the
// read-back first; the reads carry the workload line they ran in.
import type { Capture } from './capture';
import { Readback, ReadbackSummary, startReadback } from './readback';
import type { Session } from './recorder';

export interface WorkloadCapture {
  readonly readback: Readback;
  /** The workload line running now (set by the runner). */
  readonly step: { line: number };
}

/** The read-back for a workload with swap steps; null for other workloads (all writes are ours). */
export async function startWorkloadCapture(s: Session, cap: Capture, disksize: number):
  Promise<WorkloadCapture | null> {
  if (!s.opts.workload?.steps.some((x) => x.verb === 'swap')) return null;
  const step = { line: 0 };
  const readback = await startReadback({ devPath: `/dev/${s.dev}`, disksize, source: cap.followSource(), ops: s.ops,
    pages: s.pages, step: () => step.line, ownPids: () => s.live.helpers.map((h) => h.tid) });
  s.live.readback = readback;
  return { readback, step };
}

/** After the end sample: the last reads, before the capture stops. */
export async function finishWorkloadCapture(s: Session, w: WorkloadCapture): Promise<ReadbackSummary> {
  const summary = await w.readback.stop();
  s.live.readback = null;
  return summary;
}
