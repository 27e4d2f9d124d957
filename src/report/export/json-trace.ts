// The Trace Event Format (JSON object form) that Perfetto UI and chrome://tracing open:
// {"traceEvents":[...],"displayTimeUnit":"ns"}. Bios are complete events (ph X) on one thread
// per CPU lane of process 1; mm_stat counters (ph C) of the model (process 2) and of the
// kernel's samples (process 3); kernel samples and divergences are instant events (ph i).
// ts and dur are microseconds (decimals keep the nanoseconds). Events are written as they come.
import type { BioResult, Checkpoint, OutputHeader } from '../../replay/outputs';
import type { BioSpan } from './bio-spans';
import { COUNTER_FIELDS, divergences, runName, type Exporter, type ExportSink } from './exporter';

const PID = { bios: 1, model: 2, kernel: 3 } as const;
const TID_SAMPLES = 1;
const TID_DIVERGENCES = 2;

const us = (ns: number): number => ns / 1000;
const laneTid = (s: BioSpan): number => s.cpu * 1000 + s.lane + 1;

export class JsonTraceExporter implements Exporter {
  private count = 0;
  private readonly tids = new Set<number>();

  constructor(private readonly sink: ExportSink) {}

  private emit(e: Record<string, unknown>): void {
    this.sink.write((this.count++ === 0 ? '\n' : ',\n') + JSON.stringify(e));
  }

  private meta(name: 'process_name' | 'thread_name', pid: number, tid: number, value: string): void {
    this.emit({ name, ph: 'M', pid, tid, args: { name: value } });
  }

  begin(h: OutputHeader): void {
    this.sink.write('{"traceEvents":[');
    const run = runName(h);
    this.meta('process_name', PID.bios, 0, `bios (trace): ${run}`);
    this.meta('process_name', PID.model, 0, `model stats: ${run}`);
    this.meta('process_name', PID.kernel, 0, `kernel samples: ${run}`);
    this.meta('thread_name', PID.kernel, TID_SAMPLES, 'kernel samples');
    this.meta('thread_name', PID.kernel, TID_DIVERGENCES, 'divergences (model vs kernel)');
  }

  bio(_b: BioResult): void {
    // bios come with their times from the trace (span), not from the outputs
  }

  checkpoint(c: Checkpoint): void {
    const ts = us(c.tsNs);
    for (const f of COUNTER_FIELDS) {
      this.emit({ name: f.name, cat: 'stats', ph: 'C', ts, pid: PID.model, tid: 0,
        args: { [f.unit]: f.get(c.stats) } });
    }
    if (c.kernel === null) return;
    const k = c.kernel;
    for (const f of COUNTER_FIELDS) {
      this.emit({ name: f.name, cat: 'stats', ph: 'C', ts, pid: PID.kernel, tid: 0, args: { [f.unit]: f.get(k) } });
    }
    const d = divergences(c);
    const name = d.length === 0 ? 'kernel sample: exact' : `kernel sample: ${d.length} differ`;
    this.emit({ name, cat: 'kernel', ph: 'i', s: 't', ts, pid: PID.kernel, tid: TID_SAMPLES, args: { seq: c.seq } });
    for (const x of d) {
      this.emit({ name: x.field, cat: 'divergence', ph: 'i', s: 't', ts, pid: PID.kernel, tid: TID_DIVERGENCES,
        args: { seq: c.seq, model: x.model, kernel: x.kernel } });
    }
  }

  span(s: BioSpan): void {
    const tid = laneTid(s);
    if (!this.tids.has(tid)) {
      this.tids.add(tid);
      this.meta('thread_name', PID.bios, tid, s.lane === 0 ? `cpu ${s.cpu}` : `cpu ${s.cpu} #${s.lane + 1}`);
    }
    this.emit({ name: `${s.op} ${s.bytes}B`, cat: 'bio', ph: 'X', ts: us(s.startNs), dur: us(s.endNs - s.startNs),
      pid: PID.bios, tid, args: { pid: s.pid, comm: s.comm, sector: s.sector, bytes: s.bytes, error: s.error } });
  }

  end(): void {
    this.sink.write('\n],"displayTimeUnit":"ns"}\n');
  }
}
