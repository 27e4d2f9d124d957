// The compiled-in backends, looked up by the name `comp_algorithm` accepts.
import { lz4 } from './lz4';
import { lzo, lzoRle } from './lzo';
import type { CompAlgorithm, Compressor } from './types';

const BACKENDS: Record<CompAlgorithm, Compressor> = { 'lzo-rle': lzoRle, lzo, lz4 };

export const getCompressor = (alg: CompAlgorithm): Compressor => BACKENDS[alg];
