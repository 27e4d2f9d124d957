// Where the fleet's Redis is, and a connection that fails with one clear line when it cannot be
// reached (BullMQ itself would retry forever in the background).
import IORedis from 'ioredis';
import { BadInputError } from '../replay/bad-input';

export const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

export interface RedisTarget { readonly url: string; readonly host: string; readonly port: number; readonly db: number }

export function parseRedisUrl(url: string): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new BadInputError(`--redis '${url}': expected redis://HOST:PORT[/DB]`);
  }
  const port = u.port === '' ? 6379 : Number(u.port);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (u.protocol !== 'redis:' || !u.hostname || !Number.isInteger(port) || !Number.isInteger(db)) {
    throw new BadInputError(`--redis '${url}': expected redis://HOST:PORT[/DB]`);
  }
  return { url, host: u.hostname.replace(/^\[|\]$/g, ''), port, db };
}

/** Options (not a client), so BullMQ owns and closes its connections; workers block on theirs,
 * which needs maxRetriesPerRequest null. */
export function redisConnection(t: RedisTarget): { host: string; port: number; db: number; maxRetriesPerRequest: null } {
  return { host: t.host, port: t.port, db: t.db, maxRetriesPerRequest: null };
}

/** Connects once with a timeout, so an unreachable Redis is a one-line error, not a hang. */
export async function connectOrFail(t: RedisTarget, timeoutMs = 3000): Promise<IORedis> {
  const c = new IORedis({ host: t.host, port: t.port, db: t.db, lazyConnect: true, maxRetriesPerRequest: 1,
    connectTimeout: timeoutMs, retryStrategy: () => null });
  let cause = '';
  c.on('error', (e: Error) => { cause ||= e.message; }); // the first error says why (ECONNREFUSED …)
  try {
    await c.connect();
    await c.ping();
  } catch (e) {
    c.disconnect();
    throw new BadInputError(`cannot reach Redis at ${t.url} (${cause || (e as Error).message}); ` +
      'start redis-server there or name another with --redis');
  }
  return c;
}
