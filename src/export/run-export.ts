// The file side of `zram-ref export`: the outputs to export (an outputs file, or a model replay
// of the input into a temporary outputs file), the trace whose Q/C give the bios' times (a
// bare trace, a bundle's trace, or --trace), and the target written all or nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findCpuFiles, readMerged } from '../blktrace/read';
import { OutputFile } from '../io/output-file';
import { BadInputError } from '../replay/bad-input';
import { OutputsFormatError } from '../replay/outputs';
import { readOutputs } from '../replay/read-outputs';
import { replaySession } from '../replay/session';
import { makeTarget } from '../replay/targets';
import {
  bioSpans, EXPORT_FORMATS, noteComm, type ExportFormat, type ExportSink, type SpanStats,
} from '../report/export';

export interface ExportOptions {
  readonly input: string; readonly format: ExportFormat; readonly out: string;
  readonly trace?: string; readonly every: number; readonly content: string;
}
export interface ExportResult {
  readonly outputsFrom: 'file' | 'replay'; readonly trace: string | null; readonly spans: SpanStats | null;
}

const FLUSH = 256 * 1024;

/** Chunks gathered and written in large writes. */
class BufferedSink implements ExportSink {
  private parts: (string | Uint8Array)[] = [];
  private size = 0;
  constructor(private readonly file: OutputFile) {}
  write(c: string | Uint8Array): void {
    this.parts.push(c);
    this.size += c.length;
    if (this.size >= FLUSH) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    this.file.write(Buffer.concat(this.parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
    this.parts = [];
    this.size = 0;
  }
}

/** An outputs file starts with its header line. */
export function isOutputsFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    const fd = fs.openSync(p, 'r');
    try {
      const b = Buffer.alloc(11);
      return fs.readSync(fd, b, 0, 11, 0) === 11 && b.toString('latin1') === '{"header":{';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** The blktrace trace an input holds: a bundle's, a directory's only trace, NAME or a .blktrace.N file. */
export function traceOf(input: string): string | null {
  const st = (() => { try { return fs.statSync(input); } catch { return null; } })();
  if (st?.isDirectory()) {
    const manifest = path.join(input, 'manifest.json');
    if (fs.existsSync(manifest)) {
      const m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { capture?: { traceName?: string } };
      const name = m.capture?.traceName;
      return name ? path.join(input, name) : null;
    }
    const t = fs.readdirSync(input).filter((f) => /\.blktrace\.0$/.test(f));
    return t.length === 1 ? path.join(input, t[0].replace(/\.blktrace\.0$/, '')) : null;
  }
  return findCpuFiles(input).files.length > 0 ? input.replace(/\.blktrace\.\d+$/, '') : null;
}

function readTrace(trace: string): ReturnType<typeof readMerged> {
  try {
    return readMerged(trace);
  } catch (e) {
    throw new BadInputError(`trace ${trace}: ${(e as Error).message}`);
  }
}

type OnProgress = (done: number, total: number) => void;

async function replayToTemp(o: ExportOptions, dir: string, onProgress?: OnProgress): Promise<string> {
  const out = path.join(dir, 'outputs.jsonl');
  await replaySession({ input: o.input, out, knobs: {}, variant: 'claim', content: o.content, every: o.every,
    target: makeTarget('model', 'claim'), onProgress });
  return out;
}

export async function runExport(o: ExportOptions, onProgress?: (d: number, t: number) => void): Promise<ExportResult> {
  const fromFile = isOutputsFile(o.input);
  const trace = o.trace ?? (fromFile ? null : traceOf(o.input));
  if (o.trace !== undefined && findCpuFiles(o.trace).files.length === 0 && !fs.existsSync(o.trace)) {
    throw new BadInputError(`--trace ${o.trace}: no such trace (expected ${o.trace}.blktrace.0 ...)`);
  }
  const tmp = fromFile ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-export-'));
  const file = new OutputFile(o.out);
  try {
    const outputs = tmp === null ? o.input : await replayToTemp(o, tmp, onProgress);
    const sink = new BufferedSink(file);
    const ex = EXPORT_FORMATS[o.format].make(sink);
    const stream = await readOutputs(outputs);
    ex.begin(stream.header);
    for await (const r of stream.records) {
      if ('bio' in r) ex.bio(r.bio);
      else if ('checkpoint' in r) ex.checkpoint(r.checkpoint);
    }
    let spans: SpanStats | null = null;
    if (trace !== null && EXPORT_FORMATS[o.format].usesTrace) {
      spans = { spans: 0, unpairedQ: 0, unpairedC: 0 };
      const { merged, notes } = readTrace(trace);
      const comms = new Map<number, string>();
      for (const n of notes) { const c = noteComm(n); if (c !== null) comms.set(n.pid, c); }
      for (const s of bioSpans(merged, comms, spans)) ex.span(s);
    }
    ex.end();
    sink.flush();
    file.commit();
    return { outputsFrom: fromFile ? 'file' : 'replay', trace, spans };
  } catch (e) {
    file.abort();
    if (e instanceof OutputsFormatError) throw new BadInputError(e.message);
    throw e;
  } finally {
    if (tmp !== null) fs.rmSync(tmp, { recursive: true, force: true });
  }
}
