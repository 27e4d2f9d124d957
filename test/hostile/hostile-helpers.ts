// Shared by the hostile-input tests: a seed (printed in titles), a seeded PRNG, temporary
// copies of fixture inputs, and "ends cleanly": a hostile input must end in success or in the
// project's bad-input error, never in another exception, a hang or a crash.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
export const ROOT = path.join(__dirname, '..', '..');

/** mulberry32: small, seeded, good enough to pick bytes and offsets. */
export { mulberry32 as prng } from '../../src/content/prng';

export const tmpDir = (tag: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `zram-ref-hostile-${tag}-`));

/** A copy of a fixture bundle (or any directory) under `dir/name`. */
export function copyDir(from: string, dir: string, name: string): string {
  const to = path.join(dir, name);
  fs.cpSync(from, to, { recursive: true });
  return to;
}

/** One of: flip bytes, cut the file, append garbage; returns what was done (for messages). */
export function mutate(file: string, rnd: () => number): string {
  const b = fs.readFileSync(file);
  const kind = Math.floor(rnd() * 3);
  if (kind === 0 && b.length > 0) {
    const n = 1 + Math.floor(rnd() * 8);
    for (let i = 0; i < n; i++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
    fs.writeFileSync(file, b);
    return `${n} bytes flipped`;
  }
  if (kind === 1) {
    const at = Math.floor(rnd() * b.length);
    fs.writeFileSync(file, b.subarray(0, at));
    return `cut at ${at}`;
  }
  const extra = Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256)));
  fs.writeFileSync(file, Buffer.concat([b, extra]));
  return `${extra.length} bytes appended`;
}
