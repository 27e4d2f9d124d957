// The terminal view of a Report, and its --json form.
import { allocationOrderNote } from './allocation-order';
import { deltaTable } from './delta-table';
import { STAT_FIELDS } from './fields';
import type { LatencyTable, Report } from './model';
import { provenanceOf } from './provenance';
import { summaryLine } from './stat-deltas';
import { fixed, kv, percent, signed, table } from './table';
import { shortTimeline } from './timeline';
import { TRUST_TITLE, trustRows } from './trust';

const TIMELINE_ROWS = 8;
const SAMPLE_ROWS = 20;

/** The --json form. */
export const jsonReport = (r: Report): string => JSON.stringify(r, null, 2) + '\n';

export function formatReport(r: Report): string {
  return [head(r), finalState(r), compressionPart(r), trustPart(r), kernelPart(r), failuresPart(r), timelinePart(r),
    latencyPart(r), speedPart(r)]
    .filter((s) => s !== '').join('\n');
}

function head(r: Report): string {
  const h = r.header;
  const opts = Object.entries(h.options).filter(([, v]) => v !== '' && v !== 0).map(([k, v]) => `${k}=${v}`).join(' ');
  return `zram-ref replay report${r.complete ? '' : ' (INCOMPLETE: the outputs end early)'}\n` + kv([
    ['input', `${h.inputName} (${h.inputDigest})`], ['target', h.implementation], ['options', opts || '-'],
    ['backend', `${r.backend.algorithm} (kernel config ${r.backend.kernelConfig}), ${r.backend.tier}: ${r.backend.note}`],
    ['events', `${r.events}, ${r.bios} bios, ${r.checkpoints} checkpoints`],
  ]);
}

function finalState(r: Report): string {
  if (!r.final) return '';
  const fin = r.final.stats;
  let out = `Final state (after event ${r.final.seq})\n` + table(['field', 'value'], STAT_FIELDS.map((f) => [f.name, f.get(fin)]));
  const last = r.kernel.last;
  if (last) {
    out += `\nAgainst the kernel's last sample (after event ${last.seq})\n` +
      table(['field', 'replay', 'kernel', 'diff'], last.fields.map((f) => [f.field, f.replay, f.kernel, signed(f.diff)]));
  }
  return out;
}

function compressionPart(r: Report): string {
  const c = r.compression;
  if (!c || !r.final) return '';
  const m = r.final.stats.mmStat;
  return 'Compression\n' + kv([
    ['pages stored', c.pagesStored], ['orig/compr', fixed(c.origToCompr)], ['orig/mem_used_total', fixed(c.origToMemUsed)],
    ['same-filled', `${percent(c.sameFraction)} (${m.samePages} pages)`], ['huge', `${percent(c.hugeFraction)} (${m.hugePages} pages)`],
    ...peakRows(r),
  ]);
}

function peakRows(r: Report): [string, string | number][] {
  const p = r.compressionPeak;
  if (!p) return [];
  return [['at peak use', `after event ${p.seq}: ${p.pagesStored} pages stored, orig/compr ${fixed(p.origToCompr)}, `
    + `orig/mem_used_total ${fixed(p.origToMemUsed)}`]];
}

/** Provenance of the recording's contents and slot frees (nothing for inputs that carry none). */
export function trustPart(r: Pick<Report, 'input'>): string {
  const rows = trustRows(provenanceOf(r.input));
  return rows.length ? `${TRUST_TITLE}\n${kv(rows)}` : '';
}

function kernelPart(r: Report): string {
  const k = r.kernel;
  if (k.samples === 0) return 'Kernel samples: none in the input\n';
  const fields = k.fields.filter((f) => f.mismatches > 0).map((f) => [f.field, f.mismatches, f.maxAbsDiff, f.firstSeq ?? '-']);
  return `Kernel samples: ${summaryLine(k.summary)}\n` +
    deltaTable(k.rows, { diff: 'model - kernel', reference: "the kernel's value", maxRows: SAMPLE_ROWS,
      total: k.samples - k.exact }) +
    (fields.length ? table(['field', 'samples differing', 'max |diff|', 'first at event'], fields) : '') +
    k.notes.map((n) => `  note at event ${n.seq}: ${n.note}\n`).join('') +
    (k.notesOmitted > 0 ? `  ... ${k.notesOmitted} more notes\n` : '') +
    (k.allocationOrder ? `  note: ${allocationOrderNote(k.overlappingWrites)}\n` : '');
}

function failuresPart(r: Report): string {
  const statuses = (s: Record<string, number>) => Object.entries(s).map(([k, v]) => `${k}:${v}`).join(' ') || '-';
  const bios = r.failures.bios.map((b) => [b.op, b.bios, b.failed, statuses(b.statuses)]);
  const evs = r.failures.events.filter((e) => e.failed > 0).map((e) => [e.event, e.count, e.failed, statuses(e.statuses)]);
  return 'Results\n' + table(['bio op', 'bios', 'failed', 'statuses'], bios) +
    (evs.length ? table(['event', 'count', 'failed', 'statuses'], evs) : '');
}

function timelinePart(r: Report): string {
  if (r.timeline.length === 0) return '';
  const rows = shortTimeline(r.timeline, TIMELINE_ROWS).map((p) => [p.seq, (p.tsNs / 1e6).toFixed(3), p.origDataSize,
    p.comprDataSize, p.memUsedTotal, fixed(p.comprDataSize ? p.origDataSize / p.comprDataSize : null, 2), p.samePages, p.hugePages]);
  return 'Timeline\n' + table(['event', 'ms', 'orig', 'compr', 'mem_used', 'orig/compr', 'same', 'huge'], rows);
}

function latencyTable(title: string, t: LatencyTable): string {
  if (t.ops.length === 0) return `${title}, ${t.source}: no bios\n`;
  const n = (x: number | null): string | number => x ?? '-';
  const rows = t.ops.map(({ op, percentiles: p }) => [op, p.count, n(p.min), n(p.p50), n(p.p90), n(p.p99), n(p.p999),
    n(p.max), n(p.mean)]);
  return `${title} (ns), ${t.source}\n` +
    table(['op', 'count', 'min', 'p50', 'p90', 'p99', 'p99.9', 'max', 'mean'], rows);
}

function latencyPart(r: Report): string {
  return r.latency.map((t) => latencyTable('Latency', t)).join('\n');
}

function speedPart(r: Report): string {
  const s = r.speed;
  if (!s) return '';
  return `Tool speed (${s.implementation}; wall clock, varies between runs; not zram latency)\n` + kv([
    ['wall time', `${(s.wallNs / 1e6).toFixed(1)} ms`], ['events', s.events], ['events/s', s.eventsPerSec ?? '-'],
  ]) + (s.perBio ? '\n' + latencyTable('Model run time per bio', s.perBio) : '');
}
