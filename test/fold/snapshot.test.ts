// Fold snapshots: for every committed bundle (and a bare trace, and a what-if), a replay that
// starts from a snapshot at or before event N gives outputs byte-identical to the tail of a full
// replay's (every record of events >= N, the end checkpoint and the end record), at several
// seeded N. Damaged or foreign snapshots are not used.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelImplementation } from '../../src/replay/model-implementation';
import { replaySession, type SessionOptions } from '../../src/replay/session';
import type { Knobs } from '../../src/replay/knobs';

const ROOT = path.join(__dirname, '../../traces');
const BUNDLES = fs.readdirSync(path.join(ROOT, 'bundles'))
  .filter((d) => fs.existsSync(path.join(ROOT, 'bundles', d, 'manifest.json'))).sort();
const SEED = Number(process.env.SNAPSHOT_SEED ?? 13);
/** Snapshot interval: prime, so snapshots fall between `every` checkpoints too. */
const kFor = (o: Opts): number => (o.input.endsWith('mem-limit') ? 17 : 97);
const K = 97;

let dir: string;
const savedCache = process.env.ZRAM_REF_CACHE;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-snap-'));
  process.env.ZRAM_REF_CACHE = path.join(dir, 'cache');
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (savedCache === undefined) delete process.env.ZRAM_REF_CACHE;
  else process.env.ZRAM_REF_CACHE = savedCache;
});

/** xorshift32: the N to start from, reproducible from the seed in the test title. */
function picks(seed: number, max: number, n: number): number[] {
  let x = seed || 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out.push(1 + (x % max));
  }
  return out;
}

type Opts = { input: string; content?: string; knobs?: Knobs };
let runs = 0;
async function replay(o: Opts, extra: Partial<SessionOptions>): Promise<{ lines: string[]; startedAt: number }> {
  const out = path.join(dir, `r${runs++}.jsonl`);
  const r = await replaySession({ input: o.input, out, knobs: o.knobs ?? {}, variant: 'claim', content: o.content ?? 'exact',
    every: 50, target: async () => new ModelImplementation(), ...extra });
  return { lines: fs.readFileSync(out, 'utf8').trimEnd().split('\n'), startedAt: r.startedAt };
}

/** The full outputs' records from event n on, by the rule documented for --from. */
function tail(lines: string[], n: number): string[] {
  return lines.filter((l, i) => {
    if (i === 0) return true;
    const r = JSON.parse(l) as Record<string, { seq?: number; reason?: string }>;
    const body = Object.values(r)[0];
    if ('end' in r || body.reason === 'end') return true;
    return body.seq! >= n;
  });
}

const CASES: [string, Opts][] = [
  ...BUNDLES.map((b): [string, Opts] => [b, { input: path.join(ROOT, 'bundles', b) }]),
  ['zram-randrw-2cpu (bare trace)',
    { input: path.join(ROOT, 'zram-randrw-2cpu'), content: 'synthetic:text:2,zeros:1,random:1' }],
  ['mem-limit with --algorithm lz4 --mem-limit 1M',
    { input: path.join(ROOT, 'bundles', 'mem-limit'), knobs: { algorithm: 'lz4', memLimit: '1M' } }],
];

describe(`folding from a snapshot equals folding from the start (seed ${SEED})`, () => {
  test.each(CASES)('%s', async (_name, o) => {
    const k = kFor(o);
    const full = await replay(o, { snapshotEvery: k });
    const events = (JSON.parse(full.lines.at(-1)!) as { end: { events: number } }).end.events;
    expect(events).toBeGreaterThan(2 * k + 1);
    const ns = [...picks(SEED + events, events - 1, 3), k, 2 * k + 1];
    const saved: number[] = []; // --from N saves a snapshot at N when it had to fold up to it
    for (const n of ns) {
      const part = await replay(o, { from: n });
      const latest = Math.max(Math.floor(n / k) * k, ...saved.filter((s) => s <= n));
      expect([n, part.startedAt]).toEqual([n, latest]); // it did start from a snapshot
      saved.push(n);
      const want = tail(full.lines, n);
      expect(part.lines.length).toBe(want.length);
      expect([n, part.lines.join('\n') === want.join('\n')]).toEqual([n, true]);
    }
  });

  test('a damaged snapshot is not used: the fold starts earlier and the outputs are still the tail', async () => {
    // knobs of their own: no other test's snapshots share this fold's key
    const o = { input: path.join(ROOT, 'bundles', 'compaction'), knobs: { algorithm: 'lzo-rle' } };
    const full = await replay(o, { snapshotEvery: K });
    const logs = path.join(dir, 'cache', 'logs');
    const files = fs.readdirSync(logs).filter((f) => f.endsWith('.snap'))
      .flatMap((d) => fs.readdirSync(path.join(logs, d)).map((f) => path.join(logs, d, f)))
      .filter((f) => f.endsWith(`-${String(2 * K).padStart(12, '0')}.snap`))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
    expect(files.length).toBeGreaterThanOrEqual(1);
    const f = files[0]; // the one this test's full replay just wrote
    const b = fs.readFileSync(f);
    b[b.length - 10] ^= 0xff;
    fs.writeFileSync(f, b);
    const part = await replay(o, { from: 2 * K + 5 });
    expect(part.startedAt).toBe(K);
    expect(part.lines.join('\n') === tail(full.lines, 2 * K + 5).join('\n')).toBe(true);
  });

  test('snapshots of another fold (other knobs) are not used', async () => {
    const o = { input: path.join(ROOT, 'bundles', 'discard-heavy') };
    await replay(o, { snapshotEvery: K });
    const part = await replay({ ...o, knobs: { algorithm: 'lz4' } }, { from: K + 1 });
    expect(part.startedAt).toBe(0);
  });
});
