// Mixed content with a target compressibility mix.
//
// Mix spec syntax (shared by trace ingest and workloads):
//   spec   := '{'? entry (sep entry)* '}'?        sep := ',' | ';' | whitespace
//   entry  := kind (':' | '=') weight
//   kind   := category | category '.' variant      (see kindNames(): text, text.json, binary, ...)
//   weight := non-negative decimal number
// Weights are relative and need not sum to 1; at least one must be positive; a kind may
// appear once. Examples: "text:0.4,binary:0.2,zeros:0.2,random:0.1,same:0.1",
// "{text: 4, random: 1}", "text.json=1 borderline=1".
import { generatePage, isKind } from './categories';
import { prngFor } from './prng';

export interface MixEntry {
  readonly kind: string;
  readonly weight: number;
}

export type Mix = readonly MixEntry[];

export const DEFAULT_MIX = 'text:0.4,binary:0.2,zeros:0.2,random:0.1,same:0.1';

export function parseMix(spec: string): Mix {
  const body = spec.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
  if (body === '') throw new RangeError(`empty mix spec '${spec}'`);
  const entries: MixEntry[] = [];
  for (const part of body.split(/[,;\s]+(?=[A-Za-z])/)) {
    const m = /^\s*([A-Za-z][\w.-]*)\s*[:=]\s*([0-9]*\.?[0-9]+(?:[eE][-+]?\d+)?)\s*[,;]?\s*$/.exec(part);
    if (!m) throw new RangeError(`bad mix entry '${part}' in '${spec}' (expected kind:weight)`);
    const [, kind, w] = m;
    if (!isKind(kind)) throw new RangeError(`unknown page kind '${kind}' in mix '${spec}'`);
    if (entries.some((e) => e.kind === kind)) throw new RangeError(`kind '${kind}' repeated in mix '${spec}'`);
    entries.push({ kind, weight: Number(w) });
  }
  if (!entries.some((e) => e.weight > 0)) throw new RangeError(`mix '${spec}' has no positive weight`);
  return entries;
}

export function formatMix(mix: Mix): string {
  return mix.map((e) => `${e.kind}:${e.weight}`).join(',');
}

/** Which kind page `index` of a mixed stream has. */
export function mixKind(mix: Mix, seed: number, index: number): string {
  const total = mix.reduce((s, e) => s + e.weight, 0);
  let x = prngFor(seed, 'mix', index).float() * total;
  for (const e of mix) {
    if (x < e.weight) return e.kind;
    x -= e.weight;
  }
  return mix.filter((e) => e.weight > 0).at(-1)!.kind; // float rounding at the top end
}

/** Page `index` of the mixed stream: the same page generatePage(kind, seed, index) gives. */
export function mixedPage(mix: Mix, seed: number, index: number): { kind: string; page: Uint8Array } {
  const kind = mixKind(mix, seed, index);
  return { kind, page: generatePage(kind, seed, index) };
}
