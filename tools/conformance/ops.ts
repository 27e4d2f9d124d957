// The operations the conformance harness applies to both devices, and how they print.
import { generatePage } from '../../src/content';

/** A page of content by reference: generatePage(kind, seed, index) under the run's seed. */
export interface PageRef {
  readonly kind: string;
  readonly index: number;
}

export type Op =
  | { readonly kind: 'store'; readonly attr: string; readonly value: string }
  | { readonly kind: 'show'; readonly attr: string }
  | { readonly kind: 'open' }
  /** Closes the n-th currently open fd (fds differ between devices; the harness maps them). */
  | { readonly kind: 'close'; readonly slot: number }
  /** One pwrite: the pages, then `extra` more bytes (non-zero makes the length misaligned). */
  | { readonly kind: 'write'; readonly offset: number; readonly pages: readonly PageRef[]; readonly extra: number }
  | { readonly kind: 'read'; readonly offset: number; readonly length: number }
  | { readonly kind: 'discard' | 'writeZeroes'; readonly offset: number; readonly length: number };

/** The bytes of a write op (built once and given to both devices). */
export function writeData(op: Extract<Op, { kind: 'write' }>, seed: number): Uint8Array {
  const data = new Uint8Array(op.pages.length * 4096 + op.extra);
  op.pages.forEach((p, i) => data.set(generatePage(p.kind, seed, p.index), i * 4096));
  data.fill(0x5a, op.pages.length * 4096);
  return data;
}

function pagesText(pages: readonly PageRef[]): string {
  const shown = pages.slice(0, 6).map((p) => `${p.kind}#${p.index}`).join(' ');
  return pages.length > 6 ? `${shown} ... (${pages.length} pages)` : shown;
}

export function describeOp(op: Op): string {
  switch (op.kind) {
    case 'store': return `echo ${JSON.stringify(op.value)} > ${op.attr}`;
    case 'show': return `cat ${op.attr}`;
    case 'open': return 'open()';
    case 'close': return `close(fd #${op.slot})`;
    case 'write': return `pwrite(off=${op.offset}, len=${op.pages.length * 4096 + op.extra}) [${pagesText(op.pages)}]`;
    case 'read': return `pread(off=${op.offset}, len=${op.length})`;
    case 'discard': return `BLKDISCARD(off=${op.offset}, len=${op.length})`;
    case 'writeZeroes': return `BLKZEROOUT(off=${op.offset}, len=${op.length})`;
  }
}
