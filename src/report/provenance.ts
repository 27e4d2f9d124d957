// Where a recording's page contents and swap slot frees came from (issue 11's contract, §3): the
// shapes ingest hands on in the `input` section (src/ingest/captured/stats.ts), read tolerantly.
// Older inputs have none of them (absent or null); a part not in the shape is left out, never
// guessed; the fields added after the contract (standIn, ambiguous, unfit) may be missing.
import type { ContentStats, SlotFreeStats, WriteZeroesStats } from '../ingest/captured/stats';

/** Reasons keyed by any name (a newer ingest may add reasons this build does not know). */
export type ContentsProvenance = Omit<ContentStats, 'reasons' | 'standIn'> &
  { reasons: Record<string, number>; standIn?: string | null };
export type SlotFreeProvenance = SlotFreeStats;
export type WriteZeroesProvenance = Pick<WriteZeroesStats, 'inferred' | 'candidates'> &
  Partial<Pick<WriteZeroesStats, 'ambiguous' | 'unfit'>>;
export interface InputProvenance {
  contents: ContentsProvenance | null;
  slotFrees: SlotFreeProvenance | null;
  writeZeroes: WriteZeroesProvenance | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const allCounts = (o: Obj, keys: readonly string[]): boolean => keys.every((k) => isCount(o[k]));

function contentsOf(v: unknown): ContentsProvenance | null {
  if (!isObj(v) || !isObj(v.pages) || !allCounts(v.pages, ['exact', 'inferred', 'unknown'])) return null;
  const reasons: Record<string, number> = {};
  if (isObj(v.reasons)) for (const [k, n] of Object.entries(v.reasons)) if (isCount(n)) reasons[k] = n;
  const p = v.pages;
  return { mode: typeof v.mode === 'string' ? v.mode : 'unknown',
    pages: { exact: p.exact as number, inferred: p.inferred as number, unknown: p.unknown as number }, reasons,
    ...(typeof v.standIn === 'string' ? { standIn: v.standIn } : {}) };
}

const SLOT_KEYS = ['inferred', 'fromSwapIn', 'fromRelease', 'fromSwapoff', 'busy'] as const;

function slotFreesOf(v: unknown): SlotFreeProvenance | null {
  if (!isObj(v) || !allCounts(v, SLOT_KEYS)) return null;
  if (!isObj(v.checks) || !allCounts(v.checks, ['samples', 'agree'])) return null;
  const c = v.checks;
  const f = c.first;
  const first = isObj(f) && allCounts(f, ['sample', 'inferred', 'kernel'])
    ? { sample: f.sample as number, label: typeof f.label === 'string' ? f.label : '', inferred: f.inferred as number,
      kernel: f.kernel as number } : undefined;
  const out = Object.fromEntries(SLOT_KEYS.map((k) => [k, v[k] as number])) as Omit<SlotFreeProvenance, 'checks'>;
  return { ...out, checks: { samples: c.samples as number, agree: c.agree as number, ...(first ? { first } : {}) } };
}

function writeZeroesOf(v: unknown): WriteZeroesProvenance | null {
  if (!isObj(v) || !allCounts(v, ['inferred', 'candidates'])) return null;
  const out: WriteZeroesProvenance = { inferred: v.inferred as number, candidates: v.candidates as number };
  for (const k of ['ambiguous', 'unfit'] as const) if (isCount(v[k])) out[k] = v[k] as number;
  return out;
}

/** The provenance parts of an `input` section (each null where absent or not in the contract's shape). */
export function provenanceOf(input: unknown): InputProvenance {
  const o = isObj(input) ? input : {};
  return { contents: contentsOf(o.contents), slotFrees: slotFreesOf(o.slotFrees),
    writeZeroes: writeZeroesOf(o.writeZeroes) };
}

export const hasProvenance = (p: InputProvenance): boolean =>
  p.contents !== null || p.slotFrees !== null || p.writeZeroes !== null;
