// A map from bio id to what the fold keeps for a bio in flight, with the most recently added
// entry in plain fields in front of a Map: most bios complete before the next is queued, so
// the common queue/complete pair costs no Map set and delete (a V8 Map rehashes and allocates a
// new table every few such pairs). Plain data, no class: fold snapshots serialise it with v8.
// It behaves as a Map whose values are never undefined (test/device/bio-table.property.test.ts).

export interface BioTable<V> {
  hasFront: boolean;
  frontId: number;
  front: V | undefined;
  /** Every other entry, in insertion order, all older than the front. */
  readonly rest: Map<number, V>;
}

export const newBioTable = <V>(): BioTable<V> => ({ hasFront: false, frontId: 0, front: undefined, rest: new Map() });

export function bioGet<V>(t: BioTable<V>, id: number): V | undefined {
  if (t.hasFront && t.frontId === id) return t.front;
  return t.rest.size === 0 ? undefined : t.rest.get(id);
}

export function bioHas<V>(t: BioTable<V>, id: number): boolean {
  return (t.hasFront && t.frontId === id) || (t.rest.size !== 0 && t.rest.has(id));
}

/** Map.set: an id present keeps its place; a new id goes in front (the old front joins the rest). */
export function bioSet<V>(t: BioTable<V>, id: number, v: V): void {
  if (t.hasFront && t.frontId === id) { t.front = v; return; }
  if (t.rest.size !== 0 && t.rest.has(id)) { t.rest.set(id, v); return; }
  if (t.hasFront) t.rest.set(t.frontId, t.front as V);
  t.hasFront = true;
  t.frontId = id;
  t.front = v;
}

/** Map.delete: true when `id` was there. */
export function bioDelete<V>(t: BioTable<V>, id: number): boolean {
  if (t.hasFront && t.frontId === id) {
    t.hasFront = false;
    t.front = undefined;
    return true;
  }
  return t.rest.size !== 0 && t.rest.delete(id);
}

export const bioCount = <V>(t: BioTable<V>): number => t.rest.size + (t.hasFront ? 1 : 0);

/** The entries in insertion order, as Map.entries() gives them. */
export function bioEntries<V>(t: BioTable<V>): [number, V][] {
  const all = [...t.rest.entries()];
  if (t.hasFront) all.push([t.frontId, t.front as V]);
  return all;
}

export const bioIds = <V>(t: BioTable<V>): number[] => bioEntries(t).map(([id]) => id);
