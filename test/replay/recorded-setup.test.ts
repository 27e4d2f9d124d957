// A replay without --algorithm or --params compresses ahead with the setup the log's device starts
// with: recordedSetup reads it from the first events, and earlyAhead (the compiled one: the worker
// runs compiled code) starts a worker for it, with any backend. A wrong guess would cost time
// only (compressPage checks algorithm and params), so what is checked is that the guess is the fold's.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ZramEvent } from '../../src/events/types';
import { recordedSetup, type RecordedSetup } from '../../src/replay/recorded-setup';
import { bytes, nanos, sector } from '../../src/units';
import { writeLog } from './log-file';

const DIST = path.join(__dirname, '../../dist/src/replay/fold-pages.js');

const store = (attr: 'disksize' | 'comp_algorithm' | 'algorithm_params' | 'mem_limit', value: string): ZramEvent =>
  ({ type: 'AttrStored', attr, value });
const reset: ZramEvent[] = [{ type: 'ResetRequested', value: '1\n', context: 'process' }, { type: 'ResetCompleted' }];
const data = (i: number): Uint8Array => new Uint8Array(4096).fill(i, 0, 2000);
const write = (i: number): ZramEvent => ({ type: 'BioQueued', bioId: i, op: 'write', sector: sector(i * 8),
  bytes: bytes(4096), context: 'process', pages: [{ key: i, data: data(i) }] });

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-recsetup-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function logOf(name: string, events: ZramEvent[]): string {
  const file = path.join(dir, `${name}.zlog`);
  writeLog(file, events.map((event, i) => ({ seq: i, ts: nanos(i), event })));
  return file;
}

const lzoRle = { algorithm: 'lzo-rle', params: null };
/** A kernel with these backends (the test's own list: zstd in, deflate out). */
const BACKENDS = ['lzo-rle', 'lzo', 'lz4', 'zstd'];
describe('recordedSetup', () => {
  test.each<[string, ZramEvent[], RecordedSetup | null]>([
    ['no store: the kernel default', [store('disksize', '4M\n'), write(1)], lzoRle],
    ['the store before disksize', [store('comp_algorithm', 'lz4\n'), store('disksize', '4M\n'), write(1)],
      { algorithm: 'lz4', params: null }],
    ['the last of several', [store('comp_algorithm', 'lz4\n'), store('algorithm_params', 'level=9\n'),
      store('comp_algorithm', 'zstd\n'), store('algorithm_params', 'level=4\n'), store('disksize', '4M\n')],
    { algorithm: 'zstd', params: 'level=4\n' }],
    ['not one stored after disksize (EBUSY)', [store('disksize', '4M\n'), store('comp_algorithm', 'lz4\n')], lzoRle],
    ['a reset goes back to the defaults', [store('comp_algorithm', 'lz4\n'), store('algorithm_params', 'level=3\n'),
      ...reset, store('disksize', '4M\n')], lzoRle],
    ['one this kernel does not have is refused (EINVAL)', [store('comp_algorithm', 'lz4\n'),
      store('comp_algorithm', 'nope\n'), store('comp_algorithm', 'deflate\n'), store('disksize', '4M\n')],
    { algorithm: 'lz4', params: null }],
    ['no disksize at all', [store('comp_algorithm', 'lz4\n')], null],
    ['no disksize in the first 256 events', [...Array.from({ length: 256 }, () => store('mem_limit', '0\n')),
      store('comp_algorithm', 'lz4\n'), store('disksize', '4M\n')], null],
  ])('%s', (name, events, want) => {
    expect(recordedSetup(logOf(name.replace(/\W+/g, '-'), events), BACKENDS)).toEqual(want);
  });

  test('a missing or damaged file gives null (the replay itself says what is wrong)', () => {
    expect(recordedSetup(path.join(dir, 'absent.zlog'), BACKENDS)).toBeNull();
    const junk = path.join(dir, 'junk.zlog');
    fs.writeFileSync(junk, 'not a log\n'.repeat(100));
    expect(recordedSetup(junk, BACKENDS)).toBeNull();
  });
});

describe('a replay without --algorithm compresses ahead (compiled code)', () => {
  const exact = { kind: 'exact' } as const;
  const pages = Array.from({ length: 40 }, (_, i) => write(i + 1));
  /** The first page as the worker hands it over, or null when earlyAhead starts none. jobs 2: a
   * worker even for these small logs (by default a log under AHEAD_MIN_BYTES gets none). */
  async function firstPage(events: ZramEvent[], knobs: { algorithm?: string; params?: string }, name: string,
    kernelConfig = 'all-backends', jobs: number | 'default' = 2) {
    const { earlyAhead } = require(DIST) as typeof import('../../src/replay/fold-pages');
    const a = earlyAhead({ input: logOf(name, [...events, store('disksize', '4M\n'), ...pages]), knobs, kernelConfig,
      jobs: jobs === 'default' ? undefined : jobs }, exact);
    if (a === null) return null;
    try {
      await a.digest; // the worker ran to its end
      return a.take(1) ?? 'nothing';
    } finally {
      a.close();
    }
  }

  test('earlyAhead starts a worker with the recorded setup or the knobs\' (which win)', async () => {
    expect(fs.existsSync(DIST)).toBe(true); // run `npm run build` first
    const { getCompressor, loadBackends } = require('../../src/compress/registry') as
      typeof import('../../src/compress/registry');
    await loadBackends();
    const lz4 = [store('comp_algorithm', 'lz4\n')];
    const want = (alg: 'lz4' | 'lzo' | 'zstd', paramsKey: string, level?: number) => ({ alg, paramsKey,
      len: getCompressor(alg).compressedLength(data(1), level === undefined ? {} : { level }) });
    expect(await firstPage(lz4, {}, 'k-none')).toMatchObject(want('lz4', '1'));
    expect(await firstPage([], {}, 'k-default')).toMatchObject({ alg: 'lzo-rle', paramsKey: '' });
    expect(await firstPage(lz4, { params: 'level=7' }, 'k-params')).toMatchObject(want('lz4', '7', 7));
    expect(await firstPage([...lz4, store('algorithm_params', 'level=5\n')], {}, 'k-rec-params'))
      .toMatchObject(want('lz4', '5', 5));
    expect(await firstPage([store('comp_algorithm', 'zstd\n')], { algorithm: 'lzo' }, 'k-alg'))
      .toMatchObject(want('lzo', ''));
    // every backend: zstd (whose library loads asynchronously) with its recorded level
    expect(await firstPage([store('comp_algorithm', 'zstd\n'), store('algorithm_params', 'level=5\n')], {}, 'k-zstd'))
      .toMatchObject(want('zstd', '5/', 5));
    // no valid setup: no worker
    expect(await firstPage(lz4, { params: 'level=x' }, 'k-bad')).toBeNull();
    expect(await firstPage(lz4, { params: 'algo=zstd level=3' }, 'k-other')).toBeNull();
    // by default none for a small log; --jobs 1: none
    expect(await firstPage(lz4, {}, 'k-small', 'default', 'default')).toBeNull();
    expect(await firstPage(lz4, {}, 'k-j1', 'default', 1)).toBeNull();
    // a store this kernel refuses leaves its default
    expect(await firstPage([store('comp_algorithm', 'zstd\n')], {}, 'k-refused', 'default'))
      .toMatchObject({ alg: 'lzo-rle', paramsKey: '' });
  });
});
