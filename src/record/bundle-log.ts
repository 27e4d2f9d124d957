// The bundle's event log (events.zlog), written by `record` once the bundle is complete: the
// same ingest as `zram-ref ingest BUNDLE`, so replay folds it directly, and a bundle whose log
// is missing or of another tool version is simply ingested again. Its losses and input stats go
// beside it (events.zlog.losses.json), as for a cached log, so a replay of it reports them too.
import * as path from 'node:path';
import { ingestInput, writeLosses } from '../replay/ingest-input';
import { BUNDLE_LOG } from './manifest';

/** Writes DIR/events.zlog; returns its path and event count. */
export async function writeBundleLog(dir: string): Promise<{ path: string; events: number }> {
  const out = path.join(dir, BUNDLE_LOG);
  const r = await ingestInput({ kind: 'bundle', path: dir, files: [] }, 'exact', out);
  if (r.losses) writeLosses(out, r.losses);
  return { path: out, events: r.log.events };
}
