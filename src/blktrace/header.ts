// Header field reads for v7 (48 bytes) and v8 (64 bytes, blk_io_trace2: pid before a 64-bit
// action, 12 bytes of padding), in either byte order. Payloads are never swapped here.
import { V7_HEADER_SIZE, V8_HEADER_SIZE } from './record';

export interface HeaderView {
  readonly magic: number;
  readonly headerSize: number;
  readonly sequence: number;
  readonly time: bigint;
  readonly sector: bigint;
  readonly bytes: number;
  readonly action: number;
  readonly actionHigh: number;
  readonly pid: number;
  readonly device: number;
  readonly cpu: number;
  readonly error: number;
  readonly pduLen: number;
}

let cachedBuf: Uint8Array | null = null;
let cachedView: DataView | null = null;

function viewOf(b: Uint8Array): DataView {
  if (cachedBuf !== b || cachedView === null) {
    cachedBuf = b;
    cachedView = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  return cachedView;
}

/** 'short' when fewer bytes than the header needs are available at `pos`.
 * v7Only: read every header with the v7 layout (what blkparse 1.2.0 does). */
export function readHeader(b: Uint8Array, pos: number, le: boolean, v7Only = false): HeaderView | 'short' {
  if (b.length - pos < V7_HEADER_SIZE) return 'short';
  const v = viewOf(b);
  const magic = v.getUint32(pos, le);
  if ((magic & 0xff) === 8 && !v7Only) {
    if (b.length - pos < V8_HEADER_SIZE) return 'short';
    const a0 = v.getUint32(pos + 32, le);
    const a1 = v.getUint32(pos + 36, le);
    return {
      magic, headerSize: V8_HEADER_SIZE, sequence: v.getUint32(pos + 4, le),
      time: v.getBigUint64(pos + 8, le), sector: v.getBigUint64(pos + 16, le),
      bytes: v.getUint32(pos + 24, le), pid: v.getUint32(pos + 28, le),
      action: le ? a0 : a1, actionHigh: le ? a1 : a0,
      device: v.getUint32(pos + 40, le), cpu: v.getUint32(pos + 44, le),
      error: v.getUint16(pos + 48, le), pduLen: v.getUint16(pos + 50, le),
    };
  }
  return {
    magic, headerSize: V7_HEADER_SIZE, sequence: v.getUint32(pos + 4, le),
    time: v.getBigUint64(pos + 8, le), sector: v.getBigUint64(pos + 16, le),
    bytes: v.getUint32(pos + 24, le), action: v.getUint32(pos + 28, le), actionHigh: 0,
    pid: v.getUint32(pos + 32, le), device: v.getUint32(pos + 36, le), cpu: v.getUint32(pos + 40, le),
    error: v.getUint16(pos + 44, le), pduLen: v.getUint16(pos + 46, le),
  };
}
