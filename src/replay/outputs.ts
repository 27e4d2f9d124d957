// The replay outputs stream (proto/replay.proto): TS shapes and their JSON-lines form. Every
// record is built with its keys in field-number order and every field present, so the same
// records always give the same bytes. Pure: the file side lives in output-file.ts.
import type { Observation } from '../device/observe';
import { orderedStats, STAT_COLUMNS, type StatSet } from '../device/stat-columns';

export const OUTPUTS_FORMAT = 'zram-ref-outputs';
export const OUTPUTS_VERSION = 1;

export interface ReplayOptionsRecord {
  algorithm: string; params: string; disksize: string; memLimit: string; variant: string; content: string; every: number;
  kernelConfig: string;
}
export interface OutputHeader {
  format: string; version: number; toolVersion: string; implementation: string;
  inputDigest: string; inputName: string; options: ReplayOptionsRecord;
}
export interface BioResult {
  seq: number; bioId: number; op: string; status: string; sector: number; bytes: number; digest: string; q2cNs: number;
}
export interface EventResult { seq: number; kind: string; attr: string; status: string }
export type DeviceStats = StatSet; // replay.proto's DeviceStats: the stat table's groups and columns
export type CheckpointReason = 'every' | 'sample' | 'end';
export interface Checkpoint {
  seq: number; tsNs: number; reason: CheckpointReason; stats: DeviceStats; digest: string; kernel: DeviceStats | null;
}
/** `overlappingWrites`: bios other than reads and flushes queued while another was in flight
 * (present when not 0); the order zsmalloc served them in is not in the trace. */
export interface OutputEnd { events: number; bios: number; checkpoints: number; overlappingWrites?: number }

export type OutputRecord =
  | { header: OutputHeader } | { bio: BioResult } | { event: EventResult } | { checkpoint: Checkpoint } | { end: OutputEnd };

/** The stats of an observation, keys in proto order (the digest is carried separately). */
export const deviceStats = (o: Omit<Observation, 'digest'>): DeviceStats => orderedStats(o);

export function checkpointRecord(seq: number, tsNs: number, reason: CheckpointReason, o: Observation,
  kernel: DeviceStats | null): { checkpoint: Checkpoint } {
  return { checkpoint: { seq, tsNs, reason, stats: deviceStats(o), digest: o.digest, kernel } };
}

/** Fields by position, so the record is the one object built (one per bio) with its keys in order. */
export const bioRecord = (seq: number, bioId: number, op: string, status: string, sector: number, bytes: number,
  digest: string, q2cNs: number): { bio: BioResult } =>
  ({ bio: { seq, bioId, op, status, sector, bytes, digest, q2cNs } });

export const eventRecord = (seq: number, kind: string, attr: string, status: string): { event: EventResult } =>
  ({ event: { seq, kind, attr, status } });

/** One record as its JSON line (newline included). A bio's line, the most common record, is
 * written straight into the file's buffer by bioLineInto (the same bytes) where it is plain. */
export const formatRecord = (r: OutputRecord): string => JSON.stringify(r) + '\n';

/** A string JSON writes as is (no escapes), and a number it writes as its toString(). */
const PLAIN = /^[\w.:/+-]*$/;
export const plainJsonString = (x: string): boolean => PLAIN.test(x);
/** plainJsonString for a value of a small set (a bio's op and status): the plain ones met are
 * remembered (a Set lookup is cheaper than the regex, three times per bio); at most 64 kept. */
const plainTokens = new Set<string>();
export function plainJsonToken(x: string): boolean {
  if (plainTokens.has(x)) return true;
  if (!PLAIN.test(x)) return false;
  if (plainTokens.size < 64) plainTokens.add(x);
  return true;
}
export const plainJsonNumber = (x: number): boolean => Number.isFinite(x) && !Object.is(x, -0);

/** `s` (plain ASCII, as plainJsonString passes) at buf[at]; returns where it ends. */
export function putAscii(buf: Uint8Array, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i);
  return at;
}

/** Two ASCII digits per value 0..99: numbers are written two digits a step. */
const DIGITS2 = Uint8Array.from({ length: 200 }, (_, i) => 48 + (i & 1 ? (i >> 1) % 10 : ((i >> 1) / 10) | 0));

/** A plain JSON number's text at buf[at]: digits directly for a non-negative integer below 2^31,
 * in int32 arithmetic, two a step. The numbers of a replay's lines are often doubles (a
 * difference of timestamps, a rounded duration), and `%` on a double is a library call: digits
 * by float division made the two lines of a bio 10x dearer in a replay than in a loop over
 * integers. */
export function putJsonNumber(buf: Uint8Array, at: number, x: number): number {
  if (!(x >= 0 && x <= 0x7fffffff && Number.isInteger(x))) return putAscii(buf, at, String(x));
  let v = x | 0;
  const end = at + (v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6
    : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10);
  let i = end;
  for (; v >= 100; v = (v / 100) | 0) {
    const r = (v - ((v / 100) | 0) * 100) << 1;
    buf[--i] = DIGITS2[r + 1];
    buf[--i] = DIGITS2[r];
  }
  if (v >= 10) { buf[--i] = DIGITS2[(v << 1) + 1]; buf[--i] = DIGITS2[v << 1]; } else buf[--i] = 48 + v;
  return end;
}

/** The bytes of `s` (ASCII): a line's fixed parts, encoded once. */
export const asciiBytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** `t` at buf[at]; returns where it ends (a copy call for the longer parts, a loop for the short). */
export function putBytes(buf: Uint8Array, at: number, t: Uint8Array): number {
  if (t.length > 24) buf.set(t, at);
  else for (let i = 0; i < t.length; i++) buf[at + i] = t[i];
  return at + t.length;
}

/** The encoded text around a line's tokens (a bio's op and status), for the tokens of the last
 * line: consecutive bios mostly share them. Only plain tokens are given (checked by the caller). */
export class TokenPart {
  private a = '';
  private b = '';
  private bytes: Uint8Array = new Uint8Array(0);
  constructor(private readonly text: (a: string, b: string) => string) {}
  of(a: string, b: string): Uint8Array {
    if (a !== this.a || b !== this.b || this.bytes.length === 0) {
      this.bytes = asciiBytes(this.text(a, b));
      this.a = a;
      this.b = b;
    }
    return this.bytes;
  }
}

/** The most bytes bioLineInto may write for `b`: 86 fixed, five numbers of at most 24, the strings. */
export const bioLineMaxBytes = (b: BioResult): number => 240 + b.op.length + b.status.length + b.digest.length;

/** bioLineInto's fixed parts (the first two are bioTimingInto's too). */
export const BIO_SEQ = asciiBytes('{"bio":{"seq":'), BIO_ID = asciiBytes(',"bioId":');
const BIO_BYTES = asciiBytes(',"bytes":');
const BIO_DIGEST = asciiBytes(',"digest":"'), BIO_Q2C = asciiBytes('","q2cNs":');
export const LINE_END = asciiBytes('}}\n');
const BIO_OP_STATUS = new TokenPart((op, status) => `,"op":"${op}","status":"${status}","sector":`);

/** formatRecord's line of a bio written into buf at `at` without building a string (one per bio:
 * stringify was a twentieth of a replay's time); returns the end, or -1 (nothing written) when a
 * field needs JSON's escaping: the caller then writes formatRecord's line. */
export function bioLineInto(buf: Uint8Array, at: number, b: BioResult): number {
  if (!plainJsonToken(b.op) || !plainJsonToken(b.status) || !plainJsonString(b.digest) || !plainJsonNumber(b.seq)
    || !plainJsonNumber(b.bioId) || !plainJsonNumber(b.sector) || !plainJsonNumber(b.bytes) || !plainJsonNumber(b.q2cNs)) {
    return -1;
  }
  at = putJsonNumber(buf, putBytes(buf, at, BIO_SEQ), b.seq);
  at = putJsonNumber(buf, putBytes(buf, at, BIO_ID), b.bioId);
  at = putJsonNumber(buf, putBytes(buf, at, BIO_OP_STATUS.of(b.op, b.status)), b.sector);
  at = putJsonNumber(buf, putBytes(buf, at, BIO_BYTES), b.bytes);
  at = putBytes(buf, putAscii(buf, putBytes(buf, at, BIO_DIGEST), b.digest), BIO_Q2C);
  return putBytes(buf, putJsonNumber(buf, at, b.q2cNs), LINE_END);
}

/** The name of a record's oneof field. */
export const recordKind = (r: OutputRecord): 'header' | 'bio' | 'event' | 'checkpoint' | 'end' =>
  Object.keys(r)[0] as 'header' | 'bio' | 'event' | 'checkpoint' | 'end';

/** Parses one line; throws OutputsFormatError for anything that is not one record. */
export function parseRecord(line: string, where: string): OutputRecord {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new OutputsFormatError(`${where}: not JSON`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new OutputsFormatError(`${where}: not a JSON object`);
  const keys = Object.keys(v);
  if (keys.length !== 1 || !['header', 'bio', 'event', 'checkpoint', 'end'].includes(keys[0])) {
    throw new OutputsFormatError(`${where}: expected one of header/bio/event/checkpoint/end, got ${keys.join(',') || 'nothing'}`);
  }
  const body = (v as Record<string, unknown>)[keys[0]];
  if (body === null || typeof body !== 'object') throw new OutputsFormatError(`${where}: ${keys[0]} is not an object`);
  if (keys[0] !== 'header') checkFields(keys[0], body as Record<string, unknown>, RECORD_FIELDS[keys[0]], where);
  if (keys[0] === 'checkpoint') checkCheckpoint(body as Record<string, unknown>, where);
  return v as OutputRecord;
}

type Field = readonly [key: string, type: 'number' | 'string'];
/** The fields diff, report and export read, by record (optional ones, e.g. overlappingWrites, left out). */
const RECORD_FIELDS: Record<string, readonly Field[]> = {
  bio: [['seq', 'number'], ['bioId', 'number'], ['op', 'string'], ['status', 'string'], ['sector', 'number'],
    ['bytes', 'number'], ['digest', 'string'], ['q2cNs', 'number']],
  event: [['seq', 'number'], ['kind', 'string'], ['attr', 'string'], ['status', 'string']],
  checkpoint: [['seq', 'number'], ['tsNs', 'number'], ['reason', 'string'], ['digest', 'string']],
  end: [['events', 'number'], ['bios', 'number'], ['checkpoints', 'number']],
};
const HEADER_FIELDS: readonly Field[] = [['toolVersion', 'string'], ['implementation', 'string'],
  ['inputDigest', 'string'], ['inputName', 'string']];

/** A field lost or mistyped (a flipped byte in its key or value) is bad input, not an internal error later. */
function checkFields(kind: string, body: Record<string, unknown>, fields: readonly Field[], where: string): void {
  for (const [key, type] of fields) {
    if (typeof body[key] !== type) {
      throw new OutputsFormatError(`${where}: ${kind} without a ${type} ${key} (damaged file?)`);
    }
  }
}

/** A checkpoint's numbers are what report and diff read: every stat column a number (kernel: or null). */
function checkCheckpoint(c: Record<string, unknown>, where: string): void {
  const statsOk = (s: unknown): boolean => s !== null && typeof s === 'object' && STAT_COLUMNS.every((col) => {
    const g = (s as Record<string, unknown>)[col.group];
    return g !== null && typeof g === 'object' && typeof (g as Record<string, unknown>)[col.key] === 'number';
  });
  if (!statsOk(c.stats)) throw new OutputsFormatError(`${where}: checkpoint stats lack a stat column (damaged file?)`);
  if (c.kernel === undefined) {
    throw new OutputsFormatError(`${where}: checkpoint without its kernel field (damaged file?)`);
  }
  if (c.kernel !== null && !statsOk(c.kernel)) {
    throw new OutputsFormatError(`${where}: checkpoint kernel stats lack a stat column (damaged file?)`);
  }
}

/** Checks a header line: the format and version this reader knows. */
export function checkHeader(r: OutputRecord, where: string): OutputHeader {
  if (!('header' in r)) throw new OutputsFormatError(`${where}: the first line is not a header (not a zram-ref outputs file?)`);
  const h = r.header;
  if (h.format !== OUTPUTS_FORMAT) throw new OutputsFormatError(`${where}: format '${String(h.format)}' is not ${OUTPUTS_FORMAT}`);
  if (h.version !== OUTPUTS_VERSION) {
    throw new OutputsFormatError(`${where}: outputs version ${String(h.version)} is not supported (this reader knows ${OUTPUTS_VERSION})`);
  }
  const fields = h as unknown as Record<string, unknown>;
  checkFields('header', fields, HEADER_FIELDS, where);
  const o = fields.options;
  if (o === null || typeof o !== 'object' || Array.isArray(o)) {
    throw new OutputsFormatError(`${where}: header without its options object (damaged file?)`);
  }
  return h;
}

export class OutputsFormatError extends Error {
  override readonly name = 'OutputsFormatError';
}
