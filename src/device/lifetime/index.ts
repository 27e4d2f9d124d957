// The metadata-lifetime designs by name.
import { claimLifetime } from './claim';
import type { LifetimeName, MetaLifetime } from './types';

const LIFETIMES: Partial<Record<LifetimeName, MetaLifetime>> = { claim: claimLifetime };

export function getLifetime(name: string): MetaLifetime {
  const lt = LIFETIMES[name as LifetimeName];
  if (!lt) throw new Error(`unknown metadata lifetime variant '${name}' (known: ${Object.keys(LIFETIMES).join(', ')})`);
  return lt;
}
