// blkparse's option values, checked as blkparse checks them: -a category names, -A hex masks,
// -w [start:]end in seconds, -F X,FMT. Each returns a value or throws a one-line message.
import { checkFormatSpec } from './format';
import { BLK_TC } from './record';

import { InvalidArgumentError } from 'commander';

/** Thrown from option parsers: commander reports it as a bad option (exit 2). */
export class BlkparseArgError extends InvalidArgumentError {}

/** -a NAME: the category's mask bit (READ, WRITE, ... with or without the BLK_TC_ prefix). */
export function actMaskBit(name: string): number {
  const key = name.toUpperCase().replace(/^BLK_TC_/, '') as keyof typeof BLK_TC;
  if (!(key in BLK_TC)) {
    throw new BlkparseArgError(`Invalid action mask ${name} (one of ${Object.keys(BLK_TC).join(', ')})`);
  }
  return 1 << BLK_TC[key];
}

/** -A HEX: a whole mask, 1..0xffff. */
export function setMask(hex: string): number {
  const m = /^\s*(?:0[xX])?([0-9a-fA-F]+)/.exec(hex);
  const v = m ? parseInt(m[1], 16) : NaN;
  if (!(v >= 1 && v < 0x10000)) throw new BlkparseArgError(`Invalid set action mask ${hex} (a hex mask 1..ffff)`);
  return v;
}

const toNs = (s: number): bigint => BigInt(Math.trunc(s * 1e9));

/** -w END or START:END, seconds (fractions allowed), as [start, end) in ns. */
export function stopwatch(spec: string): { start: bigint; end: bigint } {
  const num = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
  const a = num.exec(spec);
  if (!a) throw new BlkparseArgError(`Invalid stopwatch timer: ${spec} (give END or START:END in seconds)`);
  let start = 0n;
  let rest = spec.slice(a[0].length);
  let endText = a[0];
  if (rest.startsWith(':')) {
    start = toNs(Number(a[0]));
    const b = num.exec(rest.slice(1));
    if (!b || b[0].length !== rest.length - 1) {
      throw new BlkparseArgError(`Invalid stopwatch duration time: ${rest.slice(1)}`);
    }
    endText = b[0];
    rest = '';
  }
  if (rest !== '') throw new BlkparseArgError(`Invalid stopwatch start timer: ${spec}`);
  const end = toNs(Number(endText));
  if (end <= start) throw new BlkparseArgError(`Invalid stopwatch interval: ${start} -> ${end}`);
  return { start, end };
}

export function formatSpec(spec: string): string {
  const e = checkFormatSpec(spec);
  if (e) throw new BlkparseArgError(e);
  return spec;
}
