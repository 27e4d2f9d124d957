// Fuzzing core shared by tools/blktrace/fuzz.ts and the jest test: seeded random mutations of
// real traces, each pushed through every consumer (decoder in random chunks, blkparse file and
// pipe emulation, latency, ingest). A consumer may report problems as data; it must not throw,
// loop or allocate without bound.
import { BlkparseEmulator } from '../../src/blktrace/blkparse';
import { readPipeBatches } from '../../src/blktrace/blkparse-pipe';
import { BlkDecoder } from '../../src/blktrace/decode';
import { computeLatency } from '../../src/blktrace/latency';
import { BytesRecordSource } from '../../src/blktrace/memory-source';
import { mergeFileMode } from '../../src/blktrace/merge';
import { sortPipeBatches } from '../../src/blktrace/merge-pipe';
import { ingestTrace, zeroContent } from '../../src/ingest';
import { BlkRecord } from '../../src/blktrace/record';

/** xorshift32: small, seeded, and independent of Math.random. */
export class Rng {
  private s: number;
  constructor(seed: number) { this.s = (seed >>> 0) || 0x9e3779b9; }
  u32(): number {
    let x = this.s;
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return (this.s = x >>> 0);
  }
  below(n: number): number { return n <= 0 ? 0 : this.u32() % n; }
}

const MARKERS = ['CPU:0 [LOST 3 EVENTS]\n', '# tracer: blk\n#\n', 'CPU:1 [LOST', '#'];

/** One mutated input built from the corpus (several mutations stacked). */
export function mutate(corpus: readonly Uint8Array[], rng: Rng): Uint8Array {
  let b: Uint8Array = corpus[rng.below(corpus.length)].slice();
  const n = 1 + rng.below(4);
  for (let k = 0; k < n; k++) b = mutateOnce(b, corpus, rng);
  return b;
}

function mutateOnce(b: Uint8Array, corpus: readonly Uint8Array[], rng: Rng): Uint8Array {
  const at = rng.below(b.length + 1);
  const rec = Math.floor(rng.below(Math.max(1, b.length)) / 48) * 48;
  switch (rng.below(9)) {
    case 0: if (b.length) b[rng.below(b.length)] ^= 1 << rng.below(8); return b;
    case 1: if (b.length) b[rng.below(b.length)] = rng.below(256); return b;
    case 2: return b.subarray(0, at);
    case 3: return cat(b.subarray(0, at), randomBytes(rng, 1 + rng.below(64)), b.subarray(at));
    case 4: if (rec + 48 <= b.length) { b[rec + 46] = rng.below(256); b[rec + 47] = rng.below(256); } return b;
    case 5: if (rec + 4 <= b.length) { b[rec] = rng.below(256); } return b;          // version / magic byte
    case 6: return cat(b.subarray(0, at), ascii(MARKERS[rng.below(MARKERS.length)]), b.subarray(at));
    case 7: { const o = corpus[rng.below(corpus.length)]; return cat(b.subarray(0, at), o.subarray(rng.below(o.length + 1))); }
    default: if (rec + 48 <= b.length) b.set(randomBytes(rng, 8), rec + 8 + 8 * rng.below(3)); return b; // time/sector/fields
  }
}

const cat = (...p: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(p.reduce((n, x) => n + x.length, 0));
  let o = 0;
  for (const x of p) { out.set(x, o); o += x.length; }
  return out;
};
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
function randomBytes(rng: Rng, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.below(256);
  return b;
}

/** Runs every consumer on one input; returns how many records the decoder produced. */
export function runCase(input: Uint8Array, other: Uint8Array, rng: Rng): number {
  const d = new BlkDecoder('fuzz', { ftraceText: rng.below(2) ? 'skip' : 'stop' });
  const recs: BlkRecord[] = [];
  for (let pos = 0; pos < input.length;) {
    const n = 1 + rng.below(300);
    d.push(input.subarray(pos, pos + n), recs);
    pos += n;
  }
  d.end(recs);
  const sink = { out: (_s: string) => undefined, err: (_s: string) => undefined };
  const emu = new BlkparseEmulator(sink);
  emu.runFileMode(['f'], [new BytesRecordSource(input, 0, 'f.0', { v7Only: true, stopOnBadVersion: true, ftraceText: 'stop' }, 97),
    new BytesRecordSource(other, 1, 'f.1', {}, 4096)]);
  emu.summary();
  const pipe = readPipeBatches(input, (r) => emu.onNote(r));
  new BlkparseEmulator(sink).runPipeMode(sortPipeBatches(pipe.batches).records, sortPipeBatches(pipe.batches).deviceOrder);
  const merged = [...mergeFileMode([new BytesRecordSource(input, 0, 'm')], { strictCpu: false })];
  computeLatency(merged);
  try {
    ingestTrace(merged, { content: zeroContent, maxWritePages: 16 }); // small cap: fuzzing, not paging
  } catch (e) {
    if (!(e instanceof RangeError && /several devices/.test(e.message))) throw e; // a documented refusal
  }
  return recs.length;
}
