// A small deterministic event sequence for replay, report and diff tests: knobs, an opener,
// writes of every content kind (text, binary, zeros, same-filled, random, borderline),
// overwrites, reads, a discard, a compaction, a tight mem_limit that makes writes fail, and
// kernel samples. The samples' texts come from an in-memory device driven alongside with the
// same operations (so they agree with the model), except the one at `perturbSample`, whose
// mem_used_max is raised by one page: the golden report then shows what a difference looks like.
import { ZramDevice } from '../../src/device/zram-device';
import { generatePage } from '../../src/content';
import type { Recorded, ZramEvent } from '../../src/events/types';
import { nanos } from '../../src/units';

const KINDS = ['text', 'binary', 'zeros', 'same', 'random', 'borderline', 'text.json', 'ramp'];

function sample(dev: ZramDevice, perturb: boolean): void {
  let mm = dev.show('mm_stat');
  if (perturb) {
    const f = mm.trim().split(/\s+/).map(Number);
    f[4] += 4096;
    mm = f.map((n) => String(n).padStart(8)).join(' ') + '\n';
  }
  dev.apply({ type: 'KernelStatSampled', mmStat: mm, ioStat: dev.show('io_stat'), debugStat: dev.show('debug_stat'), stat: dev.show('stat') });
}

function pages(n: number, first: number, kindOffset = 0): Uint8Array {
  const buf = new Uint8Array(n * 4096);
  for (let i = 0; i < n; i++) buf.set(generatePage(KINDS[(first + i + kindOffset) % KINDS.length], 7, first + i), i * 4096);
  return buf;
}

/** The events, with trace times: 10 us per event, plus a per-bio service delay before each C. */
export function smallSequence(perturbSample = 2): Recorded<ZramEvent>[] {
  const dev = new ZramDevice();
  let s = 0;
  dev.store('comp_algorithm', 'lz4');
  dev.store('disksize', '4M');
  const fd = dev.open();
  for (let p = 0; p < 48; p += 4) dev.write(p * 4096, pages(4, p));
  sample(dev, s++ === perturbSample);
  for (let p = 8; p < 24; p += 2) dev.write(p * 4096, pages(2, p, 3));   // overwrites, other kinds
  dev.read(0, 16 * 4096);
  dev.read(40 * 4096, 4096);
  sample(dev, s++ === perturbSample);
  dev.discard(4 * 4096, 8 * 4096);
  dev.store('compact', '1');
  dev.read(0, 8 * 4096);
  sample(dev, s++ === perturbSample);
  dev.store('mem_limit', '96K');
  for (let p = 100; p < 140; p += 8) {
    try { dev.write(p * 4096, pages(8, p, 1)); } catch { /* ENOMEM at the limit: a failed bio */ }
  }
  sample(dev, s++ === perturbSample);
  dev.close(fd);
  return dev.log().map((r) => ({ seq: r.seq, ts: nanos(eventTime(r)), event: r.event }));
}

function eventTime(r: Recorded<ZramEvent>): number {
  const base = 1_000_000 + r.seq * 10_000;
  if (r.event.type !== 'BioCompleted') return base;
  return base + 1_000 + ((r.seq * 7919) % 5_000); // a spread of Q2C times, deterministic
}

export async function* asAsync<T>(xs: Iterable<T>): AsyncGenerator<T> {
  for (const x of xs) yield x;
}
