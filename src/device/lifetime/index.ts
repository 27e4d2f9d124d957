// The metadata-lifetime designs by name.
import { claimLifetime } from './claim';
import { initLockLifetime } from './init-lock';
import { refcountLifetime } from './refcount';
import type { LifetimeName, MetaLifetime } from './types';

const LIFETIMES: Record<LifetimeName, MetaLifetime> = {
  'init-lock': initLockLifetime,
  refcount: refcountLifetime(true),
  'refcount-nowake': refcountLifetime(false),
  claim: claimLifetime,
};

export const LIFETIME_NAMES = Object.keys(LIFETIMES) as LifetimeName[];

export function getLifetime(name: string): MetaLifetime {
  const lt = Object.hasOwn(LIFETIMES, name) ? LIFETIMES[name as LifetimeName] : undefined;
  if (!lt) throw new Error(`unknown metadata lifetime variant '${name}' (known: ${LIFETIME_NAMES.join(', ')})`);
  return lt;
}
