// The arena's chunk supply: every chunk is zeroed and of the asked size, whether the helper
// thread readied it or the caller allocated it; the helper really hands chunks over; and an
// arena on it keeps exact copies across many chunks.
import { ChunkSupply } from '../../src/pipeline/chunk-supply';
import { ARENA_CHUNK_BYTES, PageArena } from '../../src/device/page-arena';
import { ZramDevice, mapChunksAhead } from '../../src';

const BYTES = 64 * 1024;

function allZero(a: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
  return true;
}

/** Takes chunks until the helper has handed `want` over (it starts with the second take). */
async function takeUntilReadied(s: ChunkSupply, want: number): Promise<Uint8Array[]> {
  const got: Uint8Array[] = [];
  const deadline = Date.now() + 10_000;
  while (s.stats.readied < want && Date.now() < deadline) {
    got.push(s.take());
    await new Promise((r) => setTimeout(r, 20));
  }
  return got;
}

test('without the helper, every chunk is allocated here: zeroed, of the asked size', () => {
  const s = new ChunkSupply(BYTES, { helper: false });
  const chunks = [s.take(), s.take(), s.take()];
  for (const c of chunks) {
    expect(c.length).toBe(BYTES);
    expect(allZero(c)).toBe(true);
  }
  expect(s.stats).toEqual({ taken: 3, readied: 0 });
});

test('the helper thread hands over zeroed chunks of the asked size, each one once', async () => {
  const s = new ChunkSupply(BYTES);
  const chunks = await takeUntilReadied(s, 4);
  expect(s.stats.readied).toBeGreaterThanOrEqual(4);
  expect(s.stats.taken).toBe(chunks.length);
  for (const c of chunks) {
    expect(c.length).toBe(BYTES);
    expect(allZero(c)).toBe(true);
  }
  // a chunk handed over twice would share its memory with another: writing one shows in both
  chunks.forEach((c, i) => c.fill(i + 1));
  chunks.forEach((c, i) => expect(c[0] === i + 1 && c[BYTES - 1] === i + 1).toBe(true));
});

test('an arena on the supply keeps every copy exact across chunks', async () => {
  const s = new ChunkSupply(ARENA_CHUNK_BYTES);
  const arena = new PageArena(() => s.take());
  const kept: { copy: Uint8Array; fill: number }[] = [];
  for (let i = 0; i < 5000; i++) {
    const page = new Uint8Array(4096).fill(i & 0xff);
    page[i % 4096] = 0xa5;
    kept.push({ copy: arena.copyPage(page, 0), fill: i });
    if (i % 1000 === 999) await new Promise((r) => setTimeout(r, 50)); // let the helper ready chunks
  }
  expect(s.stats.taken).toBeGreaterThanOrEqual(5);
  expect(s.stats.readied).toBeGreaterThan(0);
  for (const { copy, fill } of kept) {
    expect(copy.length).toBe(4096);
    expect(copy[fill % 4096]).toBe(0xa5);
    expect(copy[(fill + 1) % 4096]).toBe(fill & 0xff);
  }
});

test('a helper that ended idle is started again by the next take', async () => {
  const s = new ChunkSupply(BYTES, { idleMs: 100 });
  await takeUntilReadied(s, 2);
  const before = s.stats.readied;
  await new Promise((r) => setTimeout(r, 600)); // the helper ends; what it had queued goes with it
  await takeUntilReadied(s, before + 3); // more than the ended helper left queued (AHEAD)
  expect(s.stats.readied).toBeGreaterThanOrEqual(before + 3);
});

test('devices made through the library take their chunks from the mapped-ahead supply', async () => {
  const d = new ZramDevice();
  d.store('disksize', '64M');
  const page = new Uint8Array(4096);
  let x = 12345;
  for (let i = 0; i < 4096; i++) {            // incompressible pages, each kept raw: 16 MiB, 4 chunks
    for (let b = 0; b < 4096; b++) page[b] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    d.write(i * 4096, page);
    if (i % 512 === 511) await new Promise((r) => setTimeout(r, 50));
  }
  expect(mapChunksAhead().stats.readied).toBeGreaterThan(0);
  expect(d.read(4095 * 4096, 4096)).toEqual(page);
});

test('mapChunksAhead(false): devices made after it allocate their own chunks, and on again uses the supply', () => {
  const supply = mapChunksAhead();
  const fill = (d: ZramDevice): void => {
    d.store('disksize', '64M');
    const page = new Uint8Array(4096);
    for (let i = 0; i < 3000; i++) {
      page.fill(i & 0xff);
      page[0] = ~i & 0xff;
      page[4095] = i >> 8;
      d.write(i * 4096, page);
    }
  };
  const before = supply.stats.taken;
  expect(mapChunksAhead(false)).toBeNull();
  fill(new ZramDevice());
  expect(supply.stats.taken).toBe(before);
  expect(mapChunksAhead()).toBe(supply);
  fill(new ZramDevice());
  expect(supply.stats.taken).toBeGreaterThan(before);
});
