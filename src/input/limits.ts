// Explicit limits on what an input may make this tool read or hold. Each names the input it
// bounds; where a bundle's manifest declares a size (page counts, disksize), the limit follows it.
const MIB = 1 << 20;

/** manifest.json, a scenario file: small text written by this tool or by hand. */
export const MANIFEST_MAX_BYTES = 1 * MIB;
export const SCENARIO_MAX_BYTES = 1 * MIB;
/** ops.jsonl / samples.jsonl / image.runs / pages.sha256 of a bundle. */
export const BUNDLE_TEXT_MAX_BYTES = 256 * MIB;
/** One line of an outputs file: a checkpoint is about 1 KiB; anything near this is not a record. */
export const OUTPUTS_LINE_MAX_BYTES = 1 * MIB;
/** Standard input in blkparse pipe mode (sorted whole, as blkparse does): about 5M records. */
export const PIPE_INPUT_MAX_BYTES = 256 * MIB;
/** gzip adds about 0.03% and a header to incompressible data; this leaves room for any level. */
export const gzipMaxBytes = (plainBytes: number): number => Math.ceil(plainBytes * 1.01) + 64 * 1024;
