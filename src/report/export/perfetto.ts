// Perfetto's protobuf trace (proto/perfetto/trace_subset.proto): one Trace whose packets are
// track descriptors (a root track for the run; per CPU, one slice track per lane of bios; one
// counter track per mm_stat field for the model and one for the kernel's samples; instant
// tracks for kernel samples and divergences) and track events. Timestamps are the trace clock
// (ns from the trace's first record), as in the outputs' checkpoints.
import type { BioResult, Checkpoint, OutputHeader } from '../../replay/outputs';
import type { BioSpan } from './bio-spans';
import { COUNTER_FIELDS, divergences, runName, type Exporter, type ExportSink } from './exporter';
import { PbWriter } from './pb-wire';

const SEQ_ID = 1;
const FLAG_CLEARED = 1;
const FLAG_NEEDS = 2;
const TYPE = { BEGIN: 1, END: 2, INSTANT: 3, COUNTER: 4 } as const;
const UNIT = { bytes: 3, pages: 2, count: 2 } as const;
export const UUID = {
  root: 1, samples: 2, divergences: 3,
  model: (i: number) => 0x1000 + i, kernel: (i: number) => 0x2000 + i,
  lane: (cpu: number, lane: number) => 0x100000 + cpu * 0x1000 + lane,
};

type Arg = [string, number | string];

export class PerfettoExporter implements Exporter {
  private first = true;
  private readonly lanes = new Set<number>();

  constructor(private readonly sink: ExportSink) {}

  private packet(ts: number | null, fill: (p: PbWriter) => void): void {
    const p = new PbWriter();
    if (ts !== null) p.uint(8, ts);
    fill(p);
    p.uint(10, SEQ_ID).uint(13, this.first ? FLAG_CLEARED : FLAG_NEEDS);
    this.first = false;
    this.sink.write(new PbWriter().bytes(1, p.finish()).finish());
  }

  private track(uuid: number, name: string, parent: number | null, unit?: number): void {
    this.packet(null, (p) => p.message(60, (t) => {
      t.uint(1, uuid).string(2, name);
      if (parent !== null) t.uint(5, parent);
      if (unit !== undefined) t.message(8, (c) => c.uint(3, unit));
    }));
  }

  private event(ts: number, type: number, uuid: number, name: string | null, args: Arg[] = [], counter?: number): void {
    this.packet(ts, (p) => p.message(11, (e) => {
      e.uint(9, type).uint(11, uuid);
      if (name !== null) e.string(23, name);
      if (counter !== undefined) e.uint(30, counter);
      for (const [k, v] of args) {
        e.message(4, (a) => {
          a.string(10, k);
          if (typeof v === 'string') a.string(6, v); else a.uint(3, v);
        });
      }
    }));
  }

  begin(h: OutputHeader): void {
    this.track(UUID.root, `zram-ref: ${runName(h)}`, null);
    this.track(UUID.samples, 'kernel samples', UUID.root);
    this.track(UUID.divergences, 'divergences (model vs kernel)', UUID.root);
    COUNTER_FIELDS.forEach((f, i) => {
      this.track(UUID.model(i), `model ${f.name}`, UUID.root, UNIT[f.unit]);
      this.track(UUID.kernel(i), `kernel ${f.name}`, UUID.root, UNIT[f.unit]);
    });
  }

  bio(_b: BioResult): void {
    // bios come with their times from the trace (span), not from the outputs
  }

  checkpoint(c: Checkpoint): void {
    COUNTER_FIELDS.forEach((f, i) => this.event(c.tsNs, TYPE.COUNTER, UUID.model(i), null, [], f.get(c.stats)));
    if (c.kernel === null) return;
    const k = c.kernel;
    COUNTER_FIELDS.forEach((f, i) => this.event(c.tsNs, TYPE.COUNTER, UUID.kernel(i), null, [], f.get(k)));
    const d = divergences(c);
    const name = d.length === 0 ? 'kernel sample: exact' : `kernel sample: ${d.length} differ`;
    this.event(c.tsNs, TYPE.INSTANT, UUID.samples, name, [['seq', c.seq]]);
    for (const x of d) {
      this.event(c.tsNs, TYPE.INSTANT, UUID.divergences, x.field,
        [['seq', c.seq], ['model', x.model], ['kernel', x.kernel], ['model - kernel', String(x.model - x.kernel)]]);
    }
  }

  span(s: BioSpan): void {
    const uuid = UUID.lane(s.cpu, s.lane);
    if (!this.lanes.has(uuid)) {
      this.lanes.add(uuid);
      this.track(uuid, s.lane === 0 ? `bios cpu ${s.cpu}` : `bios cpu ${s.cpu} #${s.lane + 1}`, UUID.root);
    }
    this.event(s.startNs, TYPE.BEGIN, uuid, `${s.op} ${s.bytes}B`,
      [['pid', s.pid], ['comm', s.comm], ['sector', s.sector], ['bytes', s.bytes], ['error', s.error]]);
    this.event(s.endNs, TYPE.END, uuid, null);
  }

  end(): void {
    // nothing trails the packets
  }
}
