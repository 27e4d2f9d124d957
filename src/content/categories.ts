// The page kinds by name. A kind is `category` (a variant is picked per page) or
// `category.variant` (that variant only). Pages are addressed by (kind, seed, index), so any
// single page can be regenerated without the ones before it.
import { float64Series, int32Counters, pointerTable, structs } from './binary';
import { PageGenerator } from './page';
import { prngFor } from './prng';
import { borderline, ramp, random, sameFilled, zerosNoise } from './sparse';
import { cSource, english, jsonRecords, wordSalad } from './text';

/** Bump when any generator's output changes: fixtures built from older pages are then rejected. */
export const CONTENT_GENERATOR_VERSION = 1;

export const CATEGORIES = {
  text: { salad: wordSalad, english, json: jsonRecords, c: cSource },
  binary: { structs, counters: int32Counters, float64: float64Series, pointers: pointerTable },
  zeros: { noise: zerosNoise },
  random: { bytes: random },
  same: { filled: sameFilled },
  borderline: { prefix: borderline },
  ramp: { ramp },
} as const satisfies Record<string, Record<string, PageGenerator>>;

export type Category = keyof typeof CATEGORIES;
export const CATEGORY_NAMES = Object.keys(CATEGORIES) as Category[];

/** Every accepted kind name: the categories and their `category.variant` forms. */
export function kindNames(): string[] {
  const names: string[] = [];
  for (const c of CATEGORY_NAMES) {
    names.push(c);
    for (const v of Object.keys(CATEGORIES[c])) names.push(`${c}.${v}`);
  }
  return names;
}

function lookup(kind: string): { category: Category; variants: [string, PageGenerator][] } {
  const [category, variant] = kind.split('.', 2) as [Category, string | undefined];
  const all = CATEGORIES[category] as Record<string, PageGenerator> | undefined;
  if (!all) throw new RangeError(`unknown page kind '${kind}' (known: ${kindNames().join(', ')})`);
  const entries = Object.entries(all);
  if (variant === undefined) return { category, variants: entries };
  const gen = all[variant];
  if (!gen) throw new RangeError(`unknown page kind '${kind}' (known: ${kindNames().join(', ')})`);
  return { category, variants: [[variant, gen]] };
}

export function isKind(kind: string): boolean {
  try {
    lookup(kind);
    return true;
  } catch {
    return false;
  }
}

/** The page `index` of `kind` under `seed`: identical on every machine and every call. */
export function generatePage(kind: string, seed: number, index: number): Uint8Array {
  const { category, variants } = lookup(kind);
  // The stream is keyed by the category (not the kind) so 'text' and 'text.json' agree when
  // 'text' happens to pick json; the variant choice uses its own stream.
  const pick = prngFor(seed, 'variant', category, index).below(variants.length);
  const [variant, gen] = kind.includes('.') ? variants[0] : variants[pick];
  return gen(prngFor(seed, category, variant, index));
}
