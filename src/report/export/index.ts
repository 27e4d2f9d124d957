// Export formats of a replay's outputs (and its trace's bios): one Exporter per format.
import { LatencyCsvExporter, TimelineCsvExporter } from './csv';
import type { Exporter, ExportSink } from './exporter';
import { JsonTraceExporter } from './json-trace';
import { OpenMetricsExporter } from './openmetrics';
import { PerfettoExporter } from './perfetto';

export type { BioSpan, SpanStats } from './bio-spans';
export { bioSpans, noteComm } from './bio-spans';
export type { Exporter, ExportSink } from './exporter';

export const EXPORT_FORMATS = {
  perfetto: { make: (s: ExportSink) => new PerfettoExporter(s), usesTrace: true,
    help: 'Perfetto protobuf trace (open in ui.perfetto.dev): bios, stat counters, kernel samples, divergences' },
  'json-trace': { make: (s: ExportSink) => new JsonTraceExporter(s), usesTrace: true,
    help: 'Trace Event Format JSON (Perfetto UI, chrome://tracing): the same content' },
  csv: { make: (s: ExportSink) => new TimelineCsvExporter(s), usesTrace: false,
    help: 'CSV of the timeline: one row per checkpoint, model stats then kernel sample stats' },
  'csv-latency': { make: (s: ExportSink) => new LatencyCsvExporter(s), usesTrace: false,
    help: "CSV of per-bio latencies (the kernel's Q2C from the trace)" },
  openmetrics: { make: (s: ExportSink) => new OpenMetricsExporter(s), usesTrace: false,
    help: 'OpenMetrics text of the final stats (model, and the last kernel sample)' },
} as const satisfies Record<string, { make(s: ExportSink): Exporter; usesTrace: boolean; help: string }>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const isExportFormat = (s: string): s is ExportFormat => Object.prototype.hasOwnProperty.call(EXPORT_FORMATS, s);
