// Trace -> events. Pure parts only; the image-file source is in image-source.ts (fs).
export { ingestStream, ingestTrace, opOfQueue, pickDevice } from './ingest';
export type { IngestOptions, IngestResult } from './ingest';
export { exactContent, syntheticContent, zeroContent } from './content-source';
export type { BioInfo, ContentSource } from './content-source';
export type { IngestStats } from './ingest-stats';
export { surveyTrace, type TraceSurvey } from './survey';
