// The WebAssembly compressors (src/compress/wasm/assembly/, built by tools/build-wasm.js),
// instantiated synchronously on first use so the pure fold can call them like any function.
// One instance per process (per worker thread): calls copy the page into its SRC region and
// read the block back from DST; nothing survives between calls but a page staged for the next
// one (stagePage).
import { PAGE_SIZE } from '../../units';
import { COMPRESSORS_WASM_BASE64 } from './gen/compressors';

/** The part of the WebAssembly global used here (tsconfig's lib has no WebAssembly types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer };
  srcPtr(): number;
  dstPtr(): number;
  lz4Compress(n: number, acceleration: number): number;
  /** lz4Compress's result without writing the block (the replay's length-only calls). */
  lz4CompressedLength(n: number, acceleration: number): number;
  lzoCompress(n: number, version: number): number;
  /** lzoCompress's result without writing the stream. */
  lzoCompressedLength(n: number, version: number): number;
  lz4Decompress(n: number, capacity: number): number;
  lzoDecompress(n: number, capacity: number): number;
  digestStart(): void;
  digestUpdate(n: number): void;
  digestFinish(total: number): void;
  digestA(): number;
  digestB(): number;
}

export interface WasmCompressors {
  readonly exports: Exports;
  /** The input region (SRC_CAPACITY bytes) and the output region, as views of the fixed memory. */
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  /** The first 4 KiB of src, as one view: a page staged there (stagePage) is compressed without
   * being copied in again. */
  readonly page: Uint8Array;
}

/** The largest input the module takes (assembly/layout.ts); zram's pages are 4 KiB. */
export const SRC_CAPACITY = 65536 + 64;

/** The size of the output region (assembly/layout.ts). */
export const DST_CAPACITY = 70000;

let instance: WasmCompressors | null = null;

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export function wasmCompressors(): WasmCompressors {
  if (instance !== null) return instance;
  const module = new WA.Module(decodeBase64(COMPRESSORS_WASM_BASE64));
  const exports = new WA.Instance(module, {}).exports as Exports;
  const src = new Uint8Array(exports.memory.buffer, exports.srcPtr(), SRC_CAPACITY);
  const dst = new Uint8Array(exports.memory.buffer, exports.dstPtr(), DST_CAPACITY);
  instance = { exports, src, dst, page: src.subarray(0, PAGE_SIZE) };
  return instance;
}

/** Copies a 4 KiB page into the input region and returns the view of it there, which the
 * compressors take as it is (no second copy): the bytes hold until the next call into the module.
 * For a writer that reads the page anyway before compressing it (page_same_filled): the page then
 * comes from memory once, not twice. */
export function stagePage(page: Uint8Array): Uint8Array {
  if (page.length !== PAGE_SIZE) throw new RangeError(`stagePage: ${page.length} bytes, not a ${PAGE_SIZE}-byte page`);
  const w = wasmCompressors();
  w.page.set(page);
  return w.page;
}

/** The module with `data` in its input region: copied there, unless it is the page staged there. */
export function withInput(data: Uint8Array): WasmCompressors {
  const w = wasmCompressors();
  if (data !== w.page) w.src.set(data);
  return w;
}
