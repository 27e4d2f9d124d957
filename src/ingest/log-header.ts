// What a log made by ingest says about its making (LogHeader.provenance, keys "ingest.*"):
// the input's kind, base name and digest, the content model, the tool and ingest versions and
// the kernel profile. No time, host or absolute path: the same input gives the same log bytes,
// so a log's digest names what was ingested, and outputs that carry it name their log.
import type { LogHeader } from '../events/types';

/** Bump when ingest turns the same input into different events or stats (it keys cached logs).
 * 2: captured bundles (read-backs, slot frees, write-zeroes inference), the input stats sidecar,
 * Q/C pairing by pid. */
export const INGEST_VERSION = 2;

export type InputKind = 'bundle' | 'trace';

export interface IngestSource {
  readonly kind: InputKind;
  readonly name: string;     // base name of the input
  readonly digest: string;   // "sha256:<hex>" over the input's files (names and bytes)
  readonly content: string;  // --content as given (exact | synthetic:SPEC | image:FILE)
}

export function ingestedHeader(h: LogHeader, src: IngestSource, toolVersion: string): LogHeader {
  return { ...h, provenance: { ...h.provenance,
    'ingest.inputKind': src.kind, 'ingest.inputName': src.name, 'ingest.inputDigest': src.digest,
    'ingest.content': src.content, 'ingest.toolVersion': toolVersion, 'ingest.version': String(INGEST_VERSION),
    'ingest.kernelProfile': h.kernelSemantics } };
}

/** Whether a log's header says it is `src` ingested by this tool and ingest version. */
export function isIngestOf(h: LogHeader, src: IngestSource, toolVersion: string): boolean {
  const p = h.provenance;
  return p['ingest.inputDigest'] === src.digest && p['ingest.inputName'] === src.name &&
    p['ingest.content'] === src.content &&
    p['ingest.toolVersion'] === toolVersion && p['ingest.version'] === String(INGEST_VERSION);
}
