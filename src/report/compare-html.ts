// `compare --html`: one chart per measure, one line per configuration, over trace time.
import { COLORS, page } from './html';
import type { Report } from './model';
import { lineChart, type Series } from './svg';
import { formatCompare, type CompareRow } from './compare-table';

type Point = Report['timeline'][number];
const MIB = 1024 * 1024;

const MEASURES: { id: string; title: string; yLabel: string; get(p: Point): number | null }[] = [
  { id: 'compare-ratio', title: 'orig/compr over trace time', yLabel: 'ratio',
    get: (p) => (p.comprDataSize > 0 ? p.origDataSize / p.comprDataSize : null) },
  { id: 'compare-compr', title: 'compr_data_size over trace time', yLabel: 'MiB', get: (p) => p.comprDataSize / MIB },
  { id: 'compare-mem-used', title: 'mem_used_total over trace time', yLabel: 'MiB', get: (p) => p.memUsedTotal / MIB },
  { id: 'compare-huge', title: 'huge_pages over trace time', yLabel: 'pages', get: (p) => p.hugePages },
];

export interface CompareRun { label: string; report: Report }

function points(r: Report, get: (p: Point) => number | null): [number, number][] {
  return r.timeline.flatMap((p) => {
    const v = get(p);
    return v === null ? [] : [[p.tsNs / 1e9, v] as [number, number]];
  });
}

export function compareHtml(input: string, runs: readonly CompareRun[], rows: readonly CompareRow[]): string {
  const charts = MEASURES.map((m) => lineChart({ id: m.id, title: m.title, xLabel: 'trace time (s)', yLabel: m.yLabel,
    series: runs.map((r, i): Series =>
      ({ name: r.label, color: COLORS[i % COLORS.length], points: points(r.report, m.get) })) }));
  return page(`zram-ref compare: ${input}`, `${runs.length} configurations`, charts, formatCompare(rows));
}
