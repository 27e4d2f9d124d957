// Shared page plumbing for the generators.
import { pageSameFilled } from '../device/same-filled';
import { PAGE_SIZE } from '../units';
import { Prng } from './prng';

/** A page generator: fills one 4 KiB page from its own PRNG stream. */
export type PageGenerator = (rng: Prng) => Uint8Array;

export function newPage(): Uint8Array {
  return new Uint8Array(PAGE_SIZE);
}

/**
 * Appends ASCII strings from `produce` into `dst[from..to)` until it is full (the last
 * string is cut). Non-ASCII code units are folded to 7 bits so a byte is one character.
 */
export function fillAscii(dst: Uint8Array, produce: () => string, from = 0, to = dst.length): void {
  let pos = from;
  while (pos < to) {
    const s = produce();
    for (let i = 0; i < s.length && pos < to; i++) dst[pos++] = s.charCodeAt(i) & 0x7f;
  }
}

/** True if every 8-byte word of the page equals the first: the device model's own test. */
export const isSameFilled = (page: Uint8Array): boolean => pageSameFilled(page) !== null;
