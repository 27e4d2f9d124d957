// AssemblyScript entry point: what the compressor module exports.
export { srcPtr, dstPtr } from './layout';
export { lz4Compress, lz4CompressedLength } from './lz4';
export { lzoCompress, lzoCompressedLength } from './lzo';
export { digestA, digestB, digestFinish, digestStart, digestUpdate } from './digest';
export { lz4Decompress } from './lz4-decompress';
export { lzoDecompress } from './lzo-decompress';
