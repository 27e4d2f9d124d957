// Field readers for one workload line: each failure names the line and the field.
import { parseSize } from './size';
import { ContentSpec, OnError, WorkloadError } from './workload-types';
import { parseMix } from '../content';

export const PAGE = 4096;
export const MAX_BS = 1 << 20; // one O_DIRECT request = one bio of at most 256 pages

export class LineFields {
  private readonly used = new Set<string>();
  constructor(readonly file: string, readonly line: number, readonly verb: string,
    private readonly kv: ReadonlyMap<string, string>) {}

  fail(field: string | null, msg: string): never {
    throw new WorkloadError(this.file, this.line, field, msg);
  }

  has(key: string): boolean {
    return this.kv.has(key);
  }

  raw(key: string, dflt?: string): string {
    this.used.add(key);
    const v = this.kv.get(key) ?? dflt;
    if (v === undefined) this.fail(key, `'${this.verb}' needs ${key}=...`);
    return v;
  }

  /** A byte size; `aligned` requires a multiple of 4096 (zram's logical block size). */
  size(key: string, dflt?: string, aligned = true): number {
    const s = this.raw(key, dflt);
    const n = parseSize(s);
    if (n === null) this.fail(key, `'${s}' is not a size (e.g. 4096, 128K, 4M)`);
    if (aligned && n % PAGE !== 0) this.fail(key, `${s} is not a multiple of 4096 (O_DIRECT on zram needs 4 KiB alignment)`);
    return n;
  }

  bs(dflt: string): number {
    const n = this.size('bs', dflt);
    if (n === 0 || n > MAX_BS) this.fail('bs', `must be 4K to 1M (one bio per request), got ${this.kv.get('bs')}`);
    return n;
  }

  int(key: string, dflt: string | undefined, min: number, max: number): number {
    const s = this.raw(key, dflt);
    const n = Number(s);
    if (!/^\d+$/.test(s) || n < min || n > max) this.fail(key, `'${s}' must be a whole number from ${min} to ${max}`);
    return n;
  }

  fraction(key: string, dflt: string): number {
    const s = this.raw(key, dflt);
    const n = Number(s);
    if (!/^\d*\.?\d+$/.test(s) || n > 1) this.fail(key, `'${s}' must be a number from 0 to 1`);
    return n;
  }

  onError(): OnError {
    const s = this.raw('on_error', 'fail');
    if (s !== 'fail' && s !== 'stop' && s !== 'continue') this.fail('on_error', `'${s}' must be fail, stop or continue`);
    return s;
  }

  content(baseDir: string): ContentSpec {
    const s = this.raw('content', 'mix:text:0.4,binary:0.2,zeros:0.2,random:0.1,same:0.1');
    return parseContent(s, baseDir, (msg) => this.fail('content', msg));
  }

  /** Unknown keys are errors: a typo must not silently fall back to a default. */
  checkAllUsed(): void {
    for (const k of this.kv.keys()) if (!this.used.has(k)) this.fail(k, `unknown field for '${this.verb}'`);
  }
}

export function parseContent(s: string, baseDir: string, fail: (msg: string) => never): ContentSpec {
  const colon = s.indexOf(':');
  const kind = colon < 0 ? s : s.slice(0, colon);
  const arg = colon < 0 ? '' : s.slice(colon + 1);
  if (kind === 'zeros') return { kind: 'same', pattern: new Uint8Array(1) };
  if (kind === 'random') return { kind: 'mix', spec: 'random:1' };
  if (kind === 'mix') {
    try { parseMix(arg); } catch (e) { fail((e as Error).message); }
    return { kind: 'mix', spec: arg };
  }
  if (kind === 'same') {
    const m = /^(?:0x)?([0-9a-fA-F]{2}){1,8}$/.exec(arg);
    if (!m) fail(`same:HEX needs 1 to 8 bytes in hex, e.g. same:0xdeadbeef, got '${arg}'`);
    const hex = arg.replace(/^0x/, '');
    return { kind: 'same', pattern: Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16))) };
  }
  if (kind === 'file') {
    if (arg === '') fail('file:PATH needs a path');
    return { kind: 'file', path: arg.startsWith('/') ? arg : `${baseDir}/${arg}` };
  }
  return fail(`'${s}': expected mix:SPEC, same:HEX, zeros, random or file:PATH`);
}
