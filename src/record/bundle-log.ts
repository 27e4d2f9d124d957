// The bundle's event log (events.zlog), written by `record` once the bundle is complete: the
// same ingest as `zram-ref ingest BUNDLE`, so replay folds it directly, and a bundle whose log
// is missing or of another tool version is simply ingested again.
import * as path from 'node:path';
import { ingestInput } from '../replay/ingest-input';
import { BUNDLE_LOG } from './manifest';

/** Writes DIR/events.zlog; returns its path and event count. */
export async function writeBundleLog(dir: string): Promise<{ path: string; events: number }> {
  const out = path.join(dir, BUNDLE_LOG);
  const r = await ingestInput({ kind: 'bundle', path: dir, files: [] }, 'exact', out);
  return { path: out, events: r.log.events };
}
