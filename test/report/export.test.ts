// Exports of a committed bundle (traces/bundles/seqwrite, replayed on the model): golden files
// byte-identical across runs; the Perfetto file decodes packet by packet against our subset of
// Perfetto's schema (proto/perfetto/trace_subset.proto, loaded by protobufjs, not our encoder)
// with the right tracks and counts; the JSON trace has the Trace Event Format's documented fields;
// the OpenMetrics text passes the reference parser (prometheus_client) where installed.
// Regenerate goldens with UPDATE_GOLDEN=1 after an intended change, and review the diff.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as protobuf from 'protobufjs';
import { runExport } from '../../src/export/run-export';
import { readMerged } from '../../src/blktrace/read';
import { actionCode, BLK_TA, isNotify } from '../../src/blktrace/record';
import type { ExportFormat } from '../../src/report/export';
import { ModelImplementation } from '../../src/replay/model-implementation';
import { replaySession } from '../../src/replay/session';
import { testUnless } from '../helpers/skip';

const ROOT = path.join(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'traces/bundles/seqwrite');
const GOLDEN = path.join(ROOT, 'test/fixtures/export');
const FILES: Record<ExportFormat, string> = {
  perfetto: 'seqwrite.pftrace', 'json-trace': 'seqwrite.trace.json', csv: 'seqwrite.timeline.csv',
  'csv-latency': 'seqwrite.latency.csv', openmetrics: 'seqwrite.om.txt',
};

let dir: string;
let outputs: string;
const out = (f: ExportFormat): string => path.join(dir, FILES[f]);
const TRACE = path.join(BUNDLE, 'trace');

// one model replay of the bundle to an outputs file; every format is exported from it (with the
// bundle's trace), and one format straight from the bundle (export replays it itself)
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-export-'));
  outputs = path.join(dir, 'outputs.jsonl');
  await replaySession({ input: BUNDLE, out: outputs, knobs: {}, variant: 'claim', content: 'exact', every: 8,
    target: async () => new ModelImplementation() });
  for (const f of Object.keys(FILES) as ExportFormat[]) {
    await runExport({ input: outputs, trace: TRACE, format: f, out: out(f), every: 8, content: 'exact' });
  }
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The trace's own Q and C counts, read independently of the exporter. */
function traceCounts(): { q: number; c: number } {
  const { merged } = readMerged(path.join(BUNDLE, 'trace'));
  const recs = merged.map((m) => m.rec).filter((r) => !isNotify(r));
  const n = (code: number) => recs.filter((r) => actionCode(r) === code).length;
  return { q: n(BLK_TA.QUEUE), c: n(BLK_TA.COMPLETE) };
}

/** Checkpoints of the timeline CSV: [ts_ns, kernel sample?, differing fields]. */
function timelineRows(): { ts: number; kernel: boolean; differing: number }[] {
  const rows = fs.readFileSync(out('csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  return rows.map((r) => {
    const last = r[r.length - 1];
    return { ts: Number(r[1]), kernel: r[2] === 'sample', differing: last === '' ? 0 : last.split(' ').length };
  });
}

describe('exports of the seqwrite bundle (model replay, --every 8)', () => {
  test('export of the bundle itself (replayed by export) equals the export of its outputs file', async () => {
    const direct = path.join(dir, 'direct.pftrace');
    await runExport({ input: BUNDLE, format: 'perfetto', out: direct, every: 8, content: 'exact' });
    expect(fs.readFileSync(direct).equals(fs.readFileSync(out('perfetto')))).toBe(true);
  }, 30_000);

  test.each(Object.keys(FILES) as ExportFormat[])('%s: golden file, byte-identical on a second run', async (f) => {
    const again = path.join(dir, `again-${FILES[f]}`);
    await runExport({ input: outputs, trace: TRACE, format: f, out: again, every: 8, content: 'exact' });
    const bytes = fs.readFileSync(out(f));
    expect(fs.readFileSync(again).equals(bytes)).toBe(true);
    const golden = path.join(GOLDEN, FILES[f]);
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, bytes);
    expect(bytes.equals(fs.readFileSync(golden))).toBe(true);
  });

  test('perfetto: every packet decodes against the schema subset; tracks and counts are right', async () => {
    const root = await protobuf.load(path.join(ROOT, 'proto/perfetto/trace_subset.proto'));
    const Trace = root.lookupType('perfetto.protos.Trace');
    const Packet = root.lookupType('perfetto.protos.TracePacket');
    const buf = fs.readFileSync(out('perfetto'));
    // the file is field 1 (length-delimited) over and over: walk it and decode each packet alone
    const reader = protobuf.Reader.create(buf);
    const packets: any[] = [];
    while (reader.pos < reader.len) {
      expect(reader.uint32()).toBe((1 << 3) | 2);
      packets.push(Packet.toObject(Packet.decode(reader.bytes()), { longs: Number, enums: String }));
    }
    expect((Trace.decode(buf) as any).packet).toHaveLength(packets.length);
    expect(packets.every((p) => p.trustedPacketSequenceId === 1)).toBe(true);
    const descriptors = packets.filter((p) => p.trackDescriptor).map((p) => p.trackDescriptor);
    const tracks = new Map<number, any>(descriptors.map((t) => [t.uuid, t]));
    expect(tracks.size).toBe(packets.filter((p) => p.trackDescriptor).length); // uuids unique
    const events = packets.filter((p) => p.trackEvent).map((p) => ({ ts: p.timestamp as number, ...p.trackEvent }));
    for (const e of events) expect(tracks.has(e.trackUuid)).toBe(true);
    const ofType = (t: string) => events.filter((e) => e.type === t);
    // counters only on counter tracks, slices only on the others
    for (const e of ofType('TYPE_COUNTER')) expect(tracks.get(e.trackUuid).counter).toBeDefined();
    for (const e of [...ofType('TYPE_SLICE_BEGIN'), ...ofType('TYPE_INSTANT')]) {
      expect(tracks.get(e.trackUuid).counter).toBeUndefined();
    }
    // one slice per bio of the trace, BEGIN/END alternating on each lane (slices never overlap)
    const { q, c } = traceCounts();
    expect(ofType('TYPE_SLICE_BEGIN')).toHaveLength(q);
    expect(ofType('TYPE_SLICE_END')).toHaveLength(c);
    const byTrack = new Map<number, any[]>();
    for (const e of events.filter((x) => x.type === 'TYPE_SLICE_BEGIN' || x.type === 'TYPE_SLICE_END')) {
      byTrack.set(e.trackUuid, [...(byTrack.get(e.trackUuid) ?? []), e]);
    }
    for (const l of byTrack.values()) {
      l.sort((a, b) => a.ts - b.ts || (a.type === 'TYPE_SLICE_END' ? -1 : 1));
      l.forEach((e, i) => expect(e.type).toBe(i % 2 === 0 ? 'TYPE_SLICE_BEGIN' : 'TYPE_SLICE_END'));
    }
    for (const b of ofType('TYPE_SLICE_BEGIN')) {
      expect(b.debugAnnotations.map((a: any) => a.name)).toEqual(['pid', 'comm', 'sector', 'bytes', 'error']);
    }
    // 9 mm_stat counters per checkpoint for the model, 9 more per kernel sample
    const rows = timelineRows();
    const samples = rows.filter((r) => r.kernel);
    expect(samples.length).toBeGreaterThan(0);
    expect(ofType('TYPE_COUNTER')).toHaveLength(9 * rows.length + 9 * samples.length);
    expect(ofType('TYPE_INSTANT')).toHaveLength(samples.length + samples.reduce((n, r) => n + r.differing, 0));
    const counterTs = [...new Set(ofType('TYPE_COUNTER').map((e) => e.ts))].sort((a, b) => a - b);
    expect(counterTs).toEqual([...new Set(rows.map((r) => r.ts))].sort((a, b) => a - b));
    const names = [...tracks.values()].map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['model mm_stat.orig_data_size', 'kernel mm_stat.mem_used_total',
      'kernel samples',      'divergences (model vs kernel)', 'bios cpu 0']));
  });

  test('json-trace: every event has the Trace Event Format fields its phase requires', () => {
    const doc = JSON.parse(fs.readFileSync(out('json-trace'), 'utf8'));
    expect(Array.isArray(doc.traceEvents)).toBe(true);
    const problems: string[] = [];
    const isInt = (v: unknown) => Number.isInteger(v);
    doc.traceEvents.forEach((e: any, i: number) => {
      const bad = (why: string) => problems.push(`event ${i} (${JSON.stringify(e).slice(0, 80)}): ${why}`);
      if (typeof e.name !== 'string' || e.name === '') bad('name');
      if (!['X', 'C', 'i', 'M'].includes(e.ph)) bad('ph');
      if (!isInt(e.pid) || !isInt(e.tid)) bad('pid/tid');
      if (e.ph === 'M') { if (typeof e.args?.name !== 'string') bad('metadata args.name'); return; }
      if (typeof e.cat !== 'string') bad('cat');
      if (typeof e.ts !== 'number' || !(e.ts >= 0)) bad('ts (µs)');
      if (e.ph === 'X' && (typeof e.dur !== 'number' || e.dur < 0)) bad('dur');
      const values = Object.values(e.args ?? {});
      if (e.ph === 'C' && !(values.length > 0 && values.every((v) => typeof v === 'number'))) bad('counter args');
      if (e.ph === 'i' && !['g', 'p', 't'].includes(e.s)) bad('instant scope s');
    });
    expect(problems).toEqual([]);
    const { q } = traceCounts();
    const xs = doc.traceEvents.filter((e: any) => e.ph === 'X');
    expect(xs).toHaveLength(q);
    const byTid = new Map<number, any[]>();
    for (const x of xs) byTid.set(x.tid, [...(byTid.get(x.tid) ?? []), x]);
    for (const l of byTid.values()) {
      l.sort((a, b) => a.ts - b.ts);
      for (let i = 1; i < l.length; i++) expect(l[i].ts).toBeGreaterThanOrEqual(l[i - 1].ts + l[i - 1].dur - 1e-6);
    }
    const rows = timelineRows();
    const counters = doc.traceEvents.filter((e: any) => e.ph === 'C');
    expect(counters).toHaveLength(9 * rows.length + 9 * rows.filter((r) => r.kernel).length);
  });

  test('csv: a header and one row per checkpoint / per bio, every row the header\'s width', () => {
    for (const f of ['csv', 'csv-latency'] as const) {
      const lines = fs.readFileSync(out(f), 'utf8').split('\n');
      expect(lines.pop()).toBe('');
      const width = lines[0].split(',').length;
      for (const l of lines) expect(l.split(',')).toHaveLength(width);
    }
    const lat = fs.readFileSync(out('csv-latency'), 'utf8').trim().split('\n');
    expect(lat[0]).toBe('seq,bio_id,op,status,sector,bytes,q2c_ns');
    expect(lat.length - 1).toBe(traceCounts().q);
    expect(lat.slice(1).every((l) => Number(l.split(',')[6]) > 0)).toBe(true);
  });

  test('openmetrics: families typed, counters end in _total, sizes carry a unit, ends with # EOF', () => {
    const text = fs.readFileSync(out('openmetrics'), 'utf8');
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    let family: { name: string; type: string } | null = null;
    for (const l of lines.slice(0, -1)) {
      const t = /^# TYPE (\S+) (gauge|counter)$/.exec(l);
      if (t) { family = { name: t[1], type: t[2] }; continue; }
      const u = /^# UNIT (\S+) (\S+)$/.exec(l);
      if (u) { expect(u[1]).toBe(family!.name); expect(u[1].endsWith(`_${u[2]}`)).toBe(true); continue; }
      if (l.startsWith('# HELP ')) continue;
      const m = /^([a-z_]+)\{input="seqwrite",implementation="model:claim",source="(model|kernel)"\} (\d+)$/.exec(l);
      expect(m).not.toBeNull();
      expect(m![1]).toBe(family!.type === 'counter' ? `${family!.name}_total` : family!.name);
    }
    expect(text).toContain('zram_mm_stat_orig_data_size_bytes{input="seqwrite",implementation="model:claim",' +
      'source="model"} 4194304\n');
  });

  const PARSER = '/usr/bin/python3';
  const probe = spawnSync(PARSER, ['-c', 'import prometheus_client.openmetrics.parser'], { stdio: 'ignore' });
  const hasParser = probe.status === 0;
  const NO_PARSER = 'python3-prometheus-client is not installed (apt-get install python3-prometheus-client)';
  testUnless(hasParser ? null : NO_PARSER,
    'openmetrics: the reference parser (prometheus_client.openmetrics) reads every family', () => {
      const py = 'import sys\nfrom prometheus_client.openmetrics.parser import text_string_to_metric_families as p\n' +
        'fams = list(p(sys.stdin.read()))\nprint(len(fams), sum(len(f.samples) for f in fams))';
      const r = spawnSync(PARSER, ['-c', py], { input: fs.readFileSync(out('openmetrics')), encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('20 40');
      const noEof = fs.readFileSync(out('openmetrics'), 'utf8').replace('# EOF\n', '');
      const broken = spawnSync(PARSER, ['-c', py], { input: noEof, encoding: 'utf8' });
      expect(broken.status).not.toBe(0); // the parser does reject a bad exposition
    });
});
