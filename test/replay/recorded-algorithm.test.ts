// A replay without --algorithm compresses ahead with the algorithm the log's device starts with:
// recordedAlgorithm reads it from the first events, and earlyAhead (the compiled one: the worker
// runs compiled code) starts a worker for it. A wrong guess would cost time only (compressPage
// checks algorithm and params), so what is checked here is that the guess is the fold's.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ZramEvent } from '../../src/events/types';
import { KERNEL_SEMANTICS, LOG_FORMAT_VERSION } from '../../src/events/types';
import { LogWriter } from '../../src/log';
import { recordedAlgorithm } from '../../src/replay/recorded-algorithm';
import { bytes, nanos, sector } from '../../src/units';

const DIST = path.join(__dirname, '../../dist/src/replay/fold-pages.js');

const store = (attr: 'disksize' | 'comp_algorithm' | 'algorithm_params' | 'mem_limit', value: string): ZramEvent =>
  ({ type: 'AttrStored', attr, value });
const reset: ZramEvent[] = [{ type: 'ResetRequested', value: '1\n', context: 'process' }, { type: 'ResetCompleted' }];
const write = (i: number): ZramEvent => ({ type: 'BioQueued', bioId: i, op: 'write', sector: sector(i * 8),
  bytes: bytes(4096), context: 'process', pages: [{ key: i, data: new Uint8Array(4096).fill(i, 0, 2000) }] });

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-recalg-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function logOf(name: string, events: ZramEvent[]): string {
  const file = path.join(dir, `${name}.zlog`);
  const w = LogWriter.create(file, { formatVersion: LOG_FORMAT_VERSION, pageSize: 4096, kernelSemantics: KERNEL_SEMANTICS,
    variant: 'claim', contentSource: 'exact', provenance: { tool: 'test' } }, { fsync: 'never' });
  events.forEach((event, i) => w.append({ ts: nanos(i), event }));
  w.close();
  return file;
}

describe('recordedAlgorithm', () => {
  test.each<[string, ZramEvent[], string | null]>([
    ['no store: the kernel default', [store('disksize', '4M\n'), write(1)], 'lzo-rle'],
    ['the store before disksize', [store('comp_algorithm', 'lz4\n'), store('disksize', '4M\n'), write(1)], 'lz4'],
    ['the last of several', [store('comp_algorithm', 'lz4\n'), store('mem_limit', '0\n'),
      store('comp_algorithm', 'lzo\n'), store('disksize', '4M\n')], 'lzo'],
    ['not one stored after disksize (EBUSY)', [store('disksize', '4M\n'), store('comp_algorithm', 'lz4\n')], 'lzo-rle'],
    ['a reset goes back to the default', [store('comp_algorithm', 'lz4\n'), ...reset, store('disksize', '4M\n')],
      'lzo-rle'],
    ['one the worker does not take is still named', [store('comp_algorithm', 'zstd\n'), store('disksize', '4M\n')],
      'zstd'],
    ['params stored: not the default ones', [store('comp_algorithm', 'lz4\n'), store('algorithm_params', 'level=3\n'),
      store('disksize', '4M\n')], null],
    ['no disksize at all', [store('comp_algorithm', 'lz4\n')], null],
    ['no disksize in the first 256 events', [...Array.from({ length: 256 }, () => store('mem_limit', '0\n')),
      store('comp_algorithm', 'lz4\n'), store('disksize', '4M\n')], null],
  ])('%s', (name, events, want) => {
    expect(recordedAlgorithm(logOf(name.replace(/\W+/g, '-'), events))).toBe(want);
  });

  test('a missing or damaged file gives null (the replay itself says what is wrong)', () => {
    expect(recordedAlgorithm(path.join(dir, 'absent.zlog'))).toBeNull();
    const junk = path.join(dir, 'junk.zlog');
    fs.writeFileSync(junk, 'not a log\n'.repeat(100));
    expect(recordedAlgorithm(junk)).toBeNull();
  });
});

describe('a replay without --algorithm compresses ahead (compiled code)', () => {
  test('earlyAhead starts a worker for the recorded algorithm, and none where it cannot take it', async () => {
    expect(fs.existsSync(DIST)).toBe(true); // run `npm run build` first
    const { earlyAhead } = require(DIST) as typeof import('../../src/replay/fold-pages');
    const exact = { kind: 'exact' } as const;
    const pages = Array.from({ length: 40 }, (_, i) => write(i + 1));
    const lz4 = logOf('ahead-lz4', [store('comp_algorithm', 'lz4\n'), store('disksize', '4M\n'), ...pages]);
    const zstd = logOf('ahead-zstd', [store('comp_algorithm', 'zstd\n'), store('disksize', '4M\n'), ...pages]);
    const a = earlyAhead({ input: lz4, knobs: {} }, exact);
    expect(a).not.toBeNull();
    await a!.digest; // the worker ran to its end
    const got = a!.take(1);
    a!.close();
    expect(got).toMatchObject({ alg: 'lz4', paramsKey: '1' });
    expect(earlyAhead({ input: zstd, knobs: {} }, exact)).toBeNull();
    expect(earlyAhead({ input: lz4, knobs: { params: 'level=3' } }, exact)).toBeNull();
    const what = earlyAhead({ input: zstd, knobs: { algorithm: 'lzo' } }, exact); // --algorithm wins
    await what!.digest;
    expect(what!.take(1)).toMatchObject({ alg: 'lzo', paramsKey: '' });
    what!.close();
  });
});
