// CSV (comma-separated, LF line ends, cells quoted as RFC 4180 says where needed) of the timeline (one row
// per checkpoint: the model's stats, then the kernel's where the checkpoint is a kernel sample)
// and of per-bio latencies (the kernel's Q2C from the trace, as the outputs carry it).
import type { BioResult, Checkpoint, OutputHeader } from '../../replay/outputs';
import { STAT_FIELDS } from '../fields';
import type { BioSpan } from './bio-spans';
import type { Exporter, ExportSink } from './exporter';

const cell = (v: string | number): string => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const row = (cells: (string | number)[]): string => cells.map(cell).join(',') + '\n';

abstract class CsvExporter implements Exporter {
  constructor(protected readonly sink: ExportSink) {}
  abstract begin(h: OutputHeader): void;
  bio(_b: BioResult): void { /* not in this table */ }
  checkpoint(_c: Checkpoint): void { /* not in this table */ }
  span(_s: BioSpan): void { /* not in this table */ }
  end(): void { /* no trailer */ }
}

export class TimelineCsvExporter extends CsvExporter {
  begin(_h: OutputHeader): void {
    this.sink.write(row(['seq', 'ts_ns', 'reason', ...STAT_FIELDS.map((f) => f.name),
      ...STAT_FIELDS.map((f) => `kernel.${f.name}`), 'differing']));
  }

  override checkpoint(c: Checkpoint): void {
    const k = c.kernel;
    const differing = k === null ? ''
      : STAT_FIELDS.filter((f) => f.get(c.stats) !== f.get(k)).map((f) => f.name).join(' ');
    this.sink.write(row([c.seq, c.tsNs, c.reason, ...STAT_FIELDS.map((f) => f.get(c.stats)),
      ...STAT_FIELDS.map((f) => (k === null ? '' : f.get(k))), differing]));
  }
}

export class LatencyCsvExporter extends CsvExporter {
  begin(_h: OutputHeader): void {
    this.sink.write(row(['seq', 'bio_id', 'op', 'status', 'sector', 'bytes', 'q2c_ns']));
  }

  override bio(b: BioResult): void {
    // q2c_ns 0: no completion time in the input (an API-built log); left empty, not a zero latency
    this.sink.write(row([b.seq, b.bioId, b.op, b.status, b.sector, b.bytes, b.q2cNs > 0 ? b.q2cNs : '']));
  }
}
