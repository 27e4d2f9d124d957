// The one function the recorder calls at the end of a recording to fill manifest.json's
// contents.provenance: every written page counted as exact, inferred or unknown by the rules
// ingest replays the bundle with (src/ingest/captured, traces/README.md). It reads the bundle's
// trace, ops.jsonl, samples.jsonl and pages.sha256 from `dir` (the recording's directory, before
// manifest.json is written: `manifest` is the one about to be written), never the page bytes.
import { inputStatsOf } from '../record/bundle-content';
import type { BundleManifest } from '../record/manifest';
import type { ContentStats } from './captured/stats';

export function contentProvenance(dir: string, manifest: BundleManifest): ContentStats['pages'] {
  return inputStatsOf(dir, manifest).contents.pages;
}
