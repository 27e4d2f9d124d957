// AssemblyScript entry point: what the compressor module exports.
export { srcPtr, dstPtr } from './layout';
export { lz4Compress } from './lz4';
export { lzoCompress } from './lzo';
export { digestA, digestB, digestFinish, digestStart, digestUpdate } from './digest';
export { lz4Decompress } from './lz4-decompress';
