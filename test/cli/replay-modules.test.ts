// `zram-ref replay LOG` loads only what a log replay runs (loading everything was ~90 ms of a
// ~1.1 s replay): no ingest, trace decoder, record or kernel code, no compressor but the one the
// log uses, and no HTML report, progress bar or content generators unless the run needs them.
// Child processes (test/cli/spawn-cli.ts) list the files they loaded, after a whole replay.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeLog } from '../replay/log-file';
import { smallSequence } from '../replay/small-sequence';
import { REPO, loadedModules, spawnCli } from './spawn-cli';

/** What a model replay of a log (its recorded lz4, exact contents, no --html) never needs. */
const NOT_FOR_A_LOG: readonly RegExp[] = [
  /^src\/blktrace\/(read|decode)\.ts$/, // the trace decoder (a log is told from a trace by its name and magic)
  /^src\/ingest\/(index|ingest)\.ts$/, /^src\/replay\/(ingest|trace)-input\.ts$/, // bundle and trace ingest
  /^src\/record\/(bundle-read|sampler|safety)\.ts$/, /^src\/kernel\//, /^src\/replay\/device-targets\.ts$/,
  /^src\/report\/(html|svg)\.ts$/, /^src\/content\//, /^node_modules\/cli-progress\//,
  /^src\/compress\/(lzo|lz4hc|842\/backend)\.ts$/, /^node_modules\/pako\//, /^node_modules\/@hpcc-js\/wasm-zstd\//,
  /^src\/log\/writer\.ts$/,
];

const heavy = (files: readonly string[]): string[] => files.filter((f) => NOT_FOR_A_LOG.some((r) => r.test(f)));

describe('replay loads only what it runs (child processes)', () => {
  let dir: string;
  let log: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-lazy-'));
    log = path.join(dir, 'small.zlog');
    writeLog(log, smallSequence());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a replay of an lz4 log loads its session and lz4, none of the rest', () => {
    const r = spawnCli(['replay', log, '-o', path.join(dir, 'out.jsonl')], { ZRAM_REF_TEST_MODULES: '1' });
    expect(r.stderr.split('\n').filter((l) => !l.startsWith('MODULES '))).toEqual(['']);
    expect(r.code).toBe(0);
    const files = loadedModules(r);
    // the list is real: the replay's own code is in it
    expect(files).toEqual(expect.arrayContaining(['src/replay/session.ts', 'src/compress/lz4.ts', 'src/report/text.ts']));
    expect(heavy(files)).toEqual([]);
  });

  test('--html loads the HTML report (and still nothing a log does not need)', () => {
    const html = path.join(dir, 'r.html');
    const r = spawnCli(['replay', log, '--json', '--html', html], { ZRAM_REF_TEST_MODULES: '1' });
    expect(r.code).toBe(0);
    expect(fs.readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    const files = loadedModules(r);
    expect(files).toContain('src/report/html.ts');
    expect(heavy(files).filter((f) => !/^src\/report\/(html|svg)\.ts$/.test(f))).toEqual([]);
  });

  test('replay --help loads the command module, not the replay', () => {
    const r = spawnCli(['replay', '--help'], { ZRAM_REF_TEST_MODULES: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--algorithm <alg>');
    const files = loadedModules(r);
    expect(files).toContain('src/cli/commands/replay.ts');
    expect(heavy(files)).toEqual([]);
    expect(files.filter((f) => /^src\/(replay\/session\.ts|log\/|compress\/|report\/)/.test(f))).toEqual([]);
  });

  test('the compress-ahead worker loads no protobufjs and no other compressor (its compiled code, as it runs)', () => {
    const dist = path.join(REPO, 'dist/src');
    const worker = fs.readFileSync(path.join(dist, 'replay/compress-ahead.js'), 'utf8'); // run `npm run build` first
    const files = [...worker.matchAll(/require\(d\.dist \+ '([^']+)'\)/g)].map((m) => m[1]);
    expect(files).toEqual(expect.arrayContaining(['/compress/registry.js', '/log/frame-scanner.js']));
    // what the worker requires, and the backend it looks up, in a fresh process
    const code = `const [dist, ...files] = process.argv.slice(1); for (const f of files) require(dist + f);
      require(dist + '/compress/registry.js').getCompressor('lz4');
      process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
    const r = spawnSync(process.execPath, ['-e', code, dist, ...files], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const loaded = (JSON.parse(r.stdout) as string[]).map((f) => path.relative(REPO, f));
    expect(loaded).toContain('dist/src/compress/lz4.js');
    expect(loaded.filter((f) => /^node_modules\/(protobufjs|pako|@hpcc-js)\/|^dist\/src\/compress\/(lzo|lz4hc|842)/.test(f)))
      .toEqual([]);
  });
});
