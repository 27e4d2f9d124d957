// Every backend the model has, looked up by the name `comp_algorithm` accepts. Which of them a
// device accepts is its kernel profile's business (profile.ts).
import type { CompAlgorithm, Compressor } from './types';

/** Each backend's module is required at its first lookup: a replay loads only its algorithm's code. */
const BACKENDS: Record<CompAlgorithm, () => Compressor> = {
  'lzo-rle': () => (require('./lzo') as typeof import('./lzo')).lzoRle,
  lzo: () => (require('./lzo') as typeof import('./lzo')).lzo,
  lz4: () => (require('./lz4') as typeof import('./lz4')).lz4,
  lz4hc: () => (require('./lz4hc') as typeof import('./lz4hc')).lz4hc,
  zstd: () => (require('./zstd') as typeof import('./zstd')).zstd,
  deflate: () => (require('./deflate') as typeof import('./deflate')).deflate,
  '842': () => (require('./842/backend') as typeof import('./842/backend')).sw842,
};
const loaded: Partial<Record<CompAlgorithm, Compressor>> = {};

export const getCompressor = (alg: CompAlgorithm): Compressor => loaded[alg] ??= BACKENDS[alg]();

/** Loads the backends that need it (zstd's WebAssembly); call once before using them. */
export async function loadBackends(): Promise<void> {
  await (require('./zstd') as typeof import('./zstd')).loadZstd();
}
