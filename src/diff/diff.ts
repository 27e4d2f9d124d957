// diff A B: aligns two outputs streams by event seq and compares them field by field. Streams:
// holds two records, a few records of context and one counter per differing field.
import type { OutputHeader, OutputRecord, ReplayOptionsRecord } from '../replay/outputs';
import { compareKeys, Keyer, seqOf, type Key } from './align';
import { flatten, type Leaf } from './flatten';
import type { DiffReport, Divergence, FieldCount, SideInfo } from './model';
import { StatRows } from './stat-rows';

const CONTEXT = 3;
/** Fields that are "" where an implementation cannot see them: compared only when both have them. */
const OPTIONAL = new Set(['checkpoint.digest']);

export interface DiffSide { name: string; header: OutputHeader; records: AsyncIterable<OutputRecord> }

class Cursor {
  private readonly it: AsyncIterator<OutputRecord>;
  private readonly keyer = new Keyer();
  rec: OutputRecord | null = null;
  key: Key | null = null;
  constructor(src: AsyncIterable<OutputRecord>) { this.it = src[Symbol.asyncIterator](); }
  async advance(): Promise<void> {
    const n = await this.it.next();
    this.rec = n.done ? null : n.value;
    this.key = this.rec ? this.keyer.key(this.rec) : null;
  }
}

class Tally {
  readonly fields = new Map<string, FieldCount>();
  readonly notCompared = new Map<string, FieldCount>();
  first: Divergence | null = null;
  context: string[] = [];
  readonly stats = new StatRows();
  count(m: Map<string, FieldCount>, field: string, seq: number): void {
    const f = m.get(field) ?? { field, count: 0, firstSeq: seq };
    m.set(field, f);
    f.count++;
  }
  differ(rec: OutputRecord, field: string, a: Leaf | undefined, b: Leaf | undefined): void {
    const seq = seqOf(rec);
    this.count(this.fields, field, seq);
    this.first ??= { seq, record: Object.keys(rec)[0], field, a, b, before: [...this.context] };
  }
  seen(rec: OutputRecord): void {
    this.context.push(JSON.stringify(rec));
    if (this.context.length > CONTEXT) this.context.shift();
  }
}

function compareRecords(a: OutputRecord, b: OutputRecord, t: Tally): void {
  const fa = flatten(a, '', new Map());
  const fb = flatten(b, '', new Map());
  if ('checkpoint' in a && 'checkpoint' in b) t.stats.add(a.checkpoint, b.checkpoint);
  for (const field of new Set([...fa.keys(), ...fb.keys()])) {
    const va = fa.get(field);
    const vb = fb.get(field);
    if (va === vb) continue;
    if (OPTIONAL.has(field) && (va === '' || vb === '')) { t.count(t.notCompared, field, seqOf(a)); continue; }
    t.differ(a, field, va, vb);
  }
}

export const sideInfo = (s: DiffSide): SideInfo => ({ name: s.name, implementation: s.header.implementation, inputDigest: s.header.inputDigest,
  inputName: s.header.inputName, options: s.header.options });

function optionsDiffer(a: ReplayOptionsRecord, b: ReplayOptionsRecord): string[] {
  return (Object.keys(a) as (keyof ReplayOptionsRecord)[]).filter((k) => a[k] !== b[k]);
}

export async function diffOutputs(A: DiffSide, B: DiffSide): Promise<DiffReport> {
  const a = new Cursor(A.records);
  const b = new Cursor(B.records);
  const t = new Tally();
  let compared = 0, onlyInA = 0, onlyInB = 0;
  await a.advance();
  await b.advance();
  while (a.rec || b.rec) {
    const c = !a.key ? 1 : !b.key ? -1 : compareKeys(a.key, b.key);
    if (c === 0) { compareRecords(a.rec!, b.rec!, t); compared++; t.seen(a.rec!); await a.advance(); await b.advance(); }
    else if (c < 0) { onlyInA++; t.differ(a.rec!, '<missing in B>', JSON.stringify(a.rec), undefined); t.seen(a.rec!); await a.advance(); }
    else { onlyInB++; t.differ(b.rec!, '<missing in A>', undefined, JSON.stringify(b.rec)); await b.advance(); }
  }
  const sameInput = A.header.inputDigest === B.header.inputDigest;
  return {
    a: sideInfo(A), b: sideInfo(B), sameInput, optionsDiffer: optionsDiffer(A.header.options, B.header.options), compared, onlyInA, onlyInB,
    equal: sameInput && t.first === null, first: t.first, fields: [...t.fields.values()], notCompared: [...t.notCompared.values()],
    stats: t.stats.result(),
  };
}
