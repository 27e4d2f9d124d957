// Leaf fields of a record as (path, value) pairs, in key order: "bio.status",
// "checkpoint.stats.mmStat.origDataSize". Null and scalars are leaves.
export type Leaf = string | number | boolean | null;

export function flatten(v: unknown, prefix: string, out: Map<string, Leaf>): Map<string, Leaf> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, Array.isArray(v) ? JSON.stringify(v) : (v as Leaf));
  }
  return out;
}
