// The main job (issue 5 part 7, for `npm start`): every bundle in traces/bundles replayed on the
// model and, when root and zram-control are present, on a private real device; one summary
// table (kernel samples matched, ratio, model-vs-device diff) and the full report of the first
// bundle. A CLI command only has to call runMainJob and print what it returns.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffOutputs } from '../diff';
import { formatReport, type Report } from '../report';
import { table, fixed } from '../report/table';
import { ModelImplementation } from './model-implementation';
import { readOutputs } from './read-outputs';
import { replaySession } from './session';
import { kernelUnavailable } from '../kernel/capability';
import { newKernelImplementation } from './device-targets';

export interface MainJobOptions { readonly bundlesDir: string; readonly kernel?: boolean; readonly log?: (line: string) => void }

export interface MainJobRow { bundle: string; report: Report; device: string }

/** What the job did: `text` is what `demo` prints, the rest is its --json form. */
export interface MainJobResult {
  readonly text: string;
  readonly ok: boolean;
  readonly rows: readonly MainJobRow[];
  readonly realDeviceSkipped: string | null; // why the real device was not used; null when it was
}

async function diffFiles(a: string, b: string): Promise<string> {
  const [A, B] = [await readOutputs(a), await readOutputs(b)];
  try {
    const r = await diffOutputs({ name: a, header: A.header, records: A.records }, { name: b, header: B.header, records: B.records });
    return r.equal ? 'EQUAL' : `DIFFERENT at event ${r.first?.seq} (${r.first?.field})`;
  } finally {
    A.close();
    B.close();
  }
}

async function oneBundle(dir: string, tmp: string, kernel: boolean): Promise<MainJobRow> {
  const name = path.basename(dir);
  const base = { input: dir, knobs: {}, variant: 'claim', content: 'exact', every: 100 };
  const m = path.join(tmp, `${name}.model.jsonl`);
  const { report } = await replaySession({ ...base, out: m, target: async () => new ModelImplementation() });
  if (!kernel) return { bundle: name, report, device: 'skipped' };
  // swap_slot_free_notify has no userspace call: a real device cannot repeat a swap recording
  const frees = report.input?.slotFrees?.inferred ?? 0;
  if (frees > 0) return { bundle: name, report, device: `n/a: ${frees} swap slot frees` };
  const k = path.join(tmp, `${name}.kernel.jsonl`);
  await replaySession({ ...base, out: k, target: newKernelImplementation });
  return { bundle: name, report, device: await diffFiles(m, k) };
}

/** A ratio at the peak of stored data where the device ends with less (marked *), else at the end. */
function ratioCell(r: Report, k: 'origToCompr' | 'origToMemUsed'): string {
  return r.compressionPeak ? `${fixed(r.compressionPeak[k])}*` : fixed(r.compression?.[k] ?? null);
}

/** The bundle's contents mode and the share of written pages known exactly (ingest's provenance). */
function contentsCell(r: Report): string {
  const c = r.input?.contents;
  if (!c) return '-';
  const all = c.pages.exact + c.pages.inferred + c.pages.unknown;
  if (all === 0 || c.pages.exact === all) return c.mode;
  const parts = (['exact', 'inferred', 'unknown'] as const).filter((k) => c.pages[k] > 0)
    .map((k) => `${(100 * c.pages[k] / all).toFixed(1)}% ${k}`);
  return `${c.mode}: ${parts.join(', ')}`;
}

export async function runMainJob(o: MainJobOptions): Promise<MainJobResult> {
  const bundles = fs.existsSync(o.bundlesDir) ? fs.readdirSync(o.bundlesDir).filter((d) => fs.existsSync(path.join(o.bundlesDir, d, 'manifest.json'))).sort() : [];
  if (bundles.length === 0) return { text: `no record bundles in ${o.bundlesDir}\n`, ok: false, rows: [], realDeviceSkipped: null };
  const why = o.kernel === false ? 'not asked for' : kernelUnavailable();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-main-'));
  const rows: MainJobRow[] = [];
  try {
    for (const b of bundles) {
      o.log?.(`replaying ${b}${why ? '' : ' (model and real device)'}...`);
      rows.push(await oneBundle(path.join(o.bundlesDir, b), tmp, why === null));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const head = `zram-ref: ${bundles.length} recorded bundles replayed on the model` +
    (why ? ` (real device skipped: ${why})` : ' and on a private real zram device') + '\n';
  const summary = table(['bundle', 'contents', 'events', 'bios', 'kernel samples exact', 'orig/compr', 'orig/mem_used',
    'model vs real device'],
  rows.map((r) => [r.bundle, contentsCell(r.report), r.report.events, r.report.bios,
    `${r.report.kernel.exact}/${r.report.kernel.samples}`, ratioCell(r.report, 'origToCompr'),
    ratioCell(r.report, 'origToMemUsed'), r.device]));
  const ok = rows.every((r) => r.device === 'EQUAL' || r.device === 'skipped' || r.device.startsWith('n/a'));
  const star = rows.some((r) => r.report.compressionPeak)
    ? '  * at the peak of stored data: the device ends with less (swapoff empties it, fstrim frees pages)\n' : '';
  return { text: `${head}\n${summary}${star}\nReport of ${rows[0].bundle}:\n\n${formatReport(rows[0].report)}`, ok, rows,
    realDeviceSkipped: why };
}
