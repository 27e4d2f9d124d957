// O_DIRECT I/O on a block device from Node: one pwrite/pread per call (= one bio of up to
// MAX_BIO_BYTES), through a page-aligned buffer. Buffer memory has no alignment guarantee (it
// fails with EINVAL on ext4 and tmpfs files); a WebAssembly.Memory is allocated in whole 64 KiB
// pages and its backing store is page aligned, as O_DIRECT needs.
import * as fs from 'node:fs';
import { ZramError } from '../errors';
import { errnoOf } from './sysfs';

/** Largest single pwrite/pread: one bio of 256 pages. */
export const MAX_BIO_BYTES = 1 << 20;

const WASM_PAGE = 64 * 1024;

/** WebAssembly is in Node but not in the ES2022 lib this project compiles against. */
export interface WasmMemoryCtor {
  new (d: { initial: number; maximum?: number }): { readonly buffer: ArrayBuffer };
}
const WasmMemory = (globalThis as unknown as { WebAssembly: { Memory: WasmMemoryCtor } }).WebAssembly.Memory;

/** A zeroed, page-aligned buffer of `bytes` (rounded up to 64 KiB). */
export function alignedBuffer(bytes: number): Uint8Array {
  const pages = Math.max(1, Math.ceil(bytes / WASM_PAGE));
  return new Uint8Array(new WasmMemory({ initial: pages, maximum: pages }).buffer, 0, bytes);
}

/** open(path, O_RDWR | O_DIRECT); errors as ZramError. */
export function openDirect(path: string): number {
  try {
    return fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_DIRECT);
  } catch (e) {
    throw new ZramError(errnoOf(e), `open ${path}`);
  }
}

export function closeFd(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch (e) {
    throw new ZramError(errnoOf(e), `close(${fd})`);
  }
}

/** One aligned buffer per submitting thread; pwrite/pread copy through it. */
export class DirectIo {
  private readonly buf = alignedBuffer(MAX_BIO_BYTES);

  /** pwrite(fd, data, offset): returns the bytes written (the kernel's count). */
  pwrite(fd: number, offset: number, data: Uint8Array): number {
    if (data.byteLength > MAX_BIO_BYTES) {
      throw new ZramError('E2BIG', `write of ${data.byteLength} bytes: larger than one bio`);
    }
    this.buf.set(data);
    try {
      return fs.writeSync(fd, this.buf, 0, data.byteLength, offset);
    } catch (e) {
      throw new ZramError(errnoOf(e), `pwrite(${data.byteLength} bytes at ${offset})`);
    }
  }

  /** pread(fd, length, offset): the bytes read (shorter or empty at the end of the device). */
  pread(fd: number, offset: number, length: number): Uint8Array {
    const n = this.preadInPlace(fd, offset, length);
    // An own, unzeroed ArrayBuffer (slice() would zero it first): a plain Uint8Array over it.
    const out = new Uint8Array(Buffer.allocUnsafeSlow(n).buffer, 0, n);
    out.set(this.buf.subarray(0, n));
    return out;
  }

  /** pread into the aligned buffer only (no copy out): returns the count. For benchmarks and
   * callers that do not need the bytes. */
  preadInPlace(fd: number, offset: number, length: number): number {
    if (length > MAX_BIO_BYTES) throw new ZramError('E2BIG', `read of ${length} bytes: larger than one bio`);
    try {
      return fs.readSync(fd, this.buf, 0, length, offset);
    } catch (e) {
      throw new ZramError(errnoOf(e), `pread(${length} bytes at ${offset})`);
    }
  }
}
