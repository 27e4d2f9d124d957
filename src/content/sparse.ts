// Pages at the extremes: mostly zeros, random, same-filled, borderline (near the huge
// threshold of 3625 compressed bytes) and arithmetic ramps.
import { english } from './text';
import { newPage, PageGenerator } from './page';

/** Zeros with 1–512 bytes of noise, either scattered or in one run. */
export const zerosNoise: PageGenerator = (rng) => {
  const page = newPage();
  const n = rng.range(1, 512);
  if (rng.chance(0.5)) {
    const at = rng.below(page.length - n + 1);
    rng.fill(page, at, at + n);
  } else {
    for (let i = 0; i < n; i++) page[rng.below(page.length)] = rng.range(1, 255);
  }
  // A noise byte of 0 in the single-byte case would leave a same-filled page.
  if (page.every((b) => b === 0)) page[rng.below(page.length)] = rng.range(1, 255);
  return page;
};

export const random: PageGenerator = (rng) => {
  const page = newPage();
  rng.fill(page);
  return page;
};

/** Same-filled pages as zram detects them: zero, 0xff, a 4-byte or an 8-byte pattern. */
export const sameFilled: PageGenerator = (rng) => {
  const page = newPage();
  const kind = rng.below(4);
  if (kind === 1) page.fill(0xff);
  if (kind >= 2) {
    const period = kind === 2 ? 4 : 8;
    const word = new Uint8Array(period);
    rng.fill(word);
    for (let i = 0; i < page.length; i++) page[i] = word[i % period];
  }
  return page;
};

/** A random prefix of 1500–4095 bytes, then English-like text: sizes around the huge threshold. */
export const borderline: PageGenerator = (rng) => {
  const page = english(rng);
  rng.fill(page, 0, rng.range(1500, 4095));
  return page;
};

/** Arithmetic ramps: byte ramps, 16/32-bit LE ramps, sawtooth with a random period. */
export const ramp: PageGenerator = (rng) => {
  const page = newPage();
  const start = rng.next();
  const step = rng.range(1, 7);
  const width = rng.pick([1, 2, 4]);
  const period = rng.chance(0.3) ? rng.range(3, 200) : 0;
  for (let i = 0; i < page.length / width; i++) {
    const k = period ? i % period : i;
    const value = (start + k * step) >>> 0;
    for (let b = 0; b < width; b++) page[i * width + b] = (value >>> (8 * b)) & 0xff;
  }
  return page;
};
