// Golden tests: our blkparse output equals Debian blkparse's committed output byte for byte, for
// every real trace (traces/) and every hand-made fixture (test/fixtures/blktrace/). No blkparse
// binary needed: the expected outputs were recorded with it and committed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BAD_FIXTURES, oursFileMode, oursPipeMode, readLatin1, REAL_TRACES, traceDirs } from './helpers';

const all = [...traceDirs(REAL_TRACES), ...traceDirs(BAD_FIXTURES)];

describe('blkparse golden outputs', () => {
  it('has the committed traces and fixtures', () => {
    expect(traceDirs(REAL_TRACES).length).toBeGreaterThanOrEqual(4);
    expect(traceDirs(BAD_FIXTURES).length).toBeGreaterThanOrEqual(10);
  });

  it.each(all.map((t) => [t.name, t] as const))('%s: file mode equals expected.txt', (_n, t) => {
    expect(oursFileMode(t).out).toBe(readLatin1(path.join(t.dir, 'expected.txt')));
  });

  const piped = all.filter((t) => fs.existsSync(path.join(t.dir, 'expected-pipe.txt')));
  it.each(piped.map((t) => [t.name, t] as const))('%s: pipe mode equals expected-pipe.txt', (_n, t) => {
    expect(oursPipeMode(t)).toBe(readLatin1(path.join(t.dir, 'expected-pipe.txt')));
  });

  it('real traces print events (not just an empty summary)', () => {
    for (const t of traceDirs(REAL_TRACES)) expect(oursFileMode(t).out).toMatch(/^ *\d+,\d+ +\d+ +0 +0\.000000000 /);
  });
});
