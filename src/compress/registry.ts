// Every backend the model has, looked up by the name `comp_algorithm` accepts. Which of them a
// device accepts is its kernel profile's business (profile.ts).
import { sw842 } from './842/backend';
import { deflate } from './deflate';
import { lz4 } from './lz4';
import { lz4hc } from './lz4hc';
import { lzo, lzoRle } from './lzo';
import type { CompAlgorithm, Compressor } from './types';
import { loadZstd, zstd } from './zstd';

const BACKENDS: Record<CompAlgorithm, Compressor> = { 'lzo-rle': lzoRle, lzo, lz4, lz4hc, zstd, deflate, '842': sw842 };

export const getCompressor = (alg: CompAlgorithm): Compressor => BACKENDS[alg];

/** Loads the backends that need it (zstd's WebAssembly); call once before using them. */
export async function loadBackends(): Promise<void> {
  await loadZstd();
}
