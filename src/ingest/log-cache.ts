// Where the log of a bundle or trace given to replay/compare is kept: a cache directory
// ($ZRAM_REF_CACHE, else $XDG_CACHE_HOME/zram-ref, else ~/.cache/zram-ref), one file per input
// kind, name and digest, content model, tool and ingest version (all the log's header says).
// Why a cache and not a temp file:
// `compare` folds one input once per configuration, the main job folds each bundle on the model
// and on the kernel, and a bisecting `replay --from N` wants the same log (and its snapshots)
// again; ingest is the slow part of a bundle's replay. The key is the inputs' content digest,
// never a path or mtime, so an entry cannot go stale; entries are written whole (temp + rename),
// so concurrent runs at worst ingest twice. ZRAM_REF_CACHE=off (or an unusable directory) uses
// a temporary file removed when the fold ends.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INGEST_VERSION, type IngestSource } from './log-header';

export interface LogPlace { readonly path: string; readonly temporary: boolean; release(): void }

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.ZRAM_REF_CACHE === 'off') return null;
  if (env.ZRAM_REF_CACHE) return env.ZRAM_REF_CACHE;
  const base = env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : '');
  return base ? path.join(base, 'zram-ref') : null;
}

export function cacheKey(src: IngestSource, toolVersion: string): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([src.kind, src.name, src.digest, src.content, INGEST_VERSION, toolVersion]));
  return h.digest('hex').slice(0, 32);
}

/** The cached log's path for `src` (it may not exist yet), or a fresh temporary path. */
export function logPlace(src: IngestSource, toolVersion: string): LogPlace {
  const dir = cacheDir();
  if (dir !== null) {
    try {
      const logs = path.join(dir, 'logs');
      fs.mkdirSync(logs, { recursive: true });
      fs.accessSync(logs, fs.constants.W_OK);
      const file = path.join(logs, `${cacheKey(src, toolVersion)}.zlog`);
      return { path: file, temporary: false, release: () => undefined };
    } catch {
      // unusable cache directory: fall through to a temporary file
    }
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-log-'));
  const release = (): void => fs.rmSync(tmp, { recursive: true, force: true });
  return { path: path.join(tmp, `${src.name}.zlog`), temporary: true, release };
}
