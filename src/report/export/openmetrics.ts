// OpenMetrics text of the final stats: the model's at the last checkpoint (source="model") and
// the kernel's at the last kernel sample (source="kernel"), labelled with the input and the
// implementation. Families in sysfs order; counters (monotonic stats) end in _total; sizes are
// _bytes with a UNIT line; the exposition ends with # EOF.
import type { BioResult, Checkpoint, DeviceStats, OutputHeader } from '../../replay/outputs';
import { STAT_FIELDS } from '../fields';
import type { BioSpan } from './bio-spans';
import type { Exporter, ExportSink } from './exporter';

interface Family { name: string; type: 'gauge' | 'counter'; unit: string; help: string; field: string }

/** Monotonic until reset: counters. Everything else is a gauge. */
const COUNTERS = new Set(['mm_stat.pages_compacted', 'mm_stat.huge_pages_since', 'io_stat.failed_reads',
  'io_stat.failed_writes', 'io_stat.invalid_io', 'io_stat.notify_free', 'debug_stat.writestall', 'debug_stat.miss_free',
  'stat.read_ios', 'stat.read_sectors', 'stat.write_ios', 'stat.write_sectors']);
const BYTES = new Set(['mm_stat.orig_data_size', 'mm_stat.compr_data_size', 'mm_stat.mem_used_total',
  'mm_stat.mem_limit', 'mm_stat.mem_used_max']);

export const FAMILIES: readonly Family[] = STAT_FIELDS.map((f) => {
  const [file, col] = f.name.split('.');
  const base = `zram_${file === 'stat' ? 'block_stat' : file}_${col}`;
  const unit = BYTES.has(f.name) ? 'bytes' : '';
  return { name: unit ? `${base}_${unit}` : base, type: COUNTERS.has(f.name) ? 'counter' : 'gauge', unit,
    help: `${f.name} as /sys/block/zramN/${file} shows it`, field: f.name };
});

const escapeLabel = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export class OpenMetricsExporter implements Exporter {
  private header: OutputHeader | null = null;
  private model: DeviceStats | null = null;
  private kernel: DeviceStats | null = null;

  constructor(private readonly sink: ExportSink) {}

  begin(h: OutputHeader): void { this.header = h; }
  bio(_b: BioResult): void { /* final stats only */ }
  span(_s: BioSpan): void { /* final stats only */ }

  checkpoint(c: Checkpoint): void {
    this.model = c.stats;
    if (c.kernel !== null) this.kernel = c.kernel;
  }

  end(): void {
    const h = this.header!;
    const sets: [string, DeviceStats][] = [];
    if (this.model) sets.push(['model', this.model]);
    if (this.kernel) sets.push(['kernel', this.kernel]);
    const run = `input="${escapeLabel(h.inputName)}",implementation="${escapeLabel(h.implementation)}"`;
    const labels = (source: string) => `{${run},source="${source}"}`;
    let out = '';
    for (const fam of FAMILIES) {
      const field = STAT_FIELDS.find((f) => f.name === fam.field)!;
      out += `# TYPE ${fam.name} ${fam.type}\n`;
      if (fam.unit) out += `# UNIT ${fam.name} ${fam.unit}\n`;
      out += `# HELP ${fam.name} ${fam.help}\n`;
      const sample = fam.type === 'counter' ? `${fam.name}_total` : fam.name;
      for (const [source, s] of sets) out += `${sample}${labels(source)} ${field.get(s)}\n`;
    }
    this.sink.write(out + '# EOF\n');
  }
}
