// `zram-ref export` as a command: bad input is one line on stderr with exit 2 and nothing written.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../replay/cli-harness';

const BUNDLE = path.join(__dirname, '../../traces/bundles/seqwrite');
let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-export-cli-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('zram-ref export: refusals', () => {
  test('an unknown format: exit 2, one line naming the choices, no file', async () => {
    const o = path.join(dir, 'x.out');
    const r = await runCli(['export', BUNDLE, '--format', 'pprof', '-o', o]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("zram-ref export: --format 'pprof': expected one of " +
      'perfetto, json-trace, csv, csv-latency, openmetrics\n');
    expect(fs.existsSync(o)).toBe(false);
  });

  test('-o over one of the input files is refused before any work', async () => {
    const target = path.join(BUNDLE, 'manifest.json');
    const r = await runCli(['export', BUNDLE, '--format', 'csv', '-o', target]);
    expect(r.code).toBe(2);
    const refusal = /^zram-ref export: -o .*manifest\.json: is inside the input .* write the output to another file\n$/;
    expect(r.stderr).toMatch(refusal);
  });

  test('an input that is not an outputs file, log, trace or bundle: exit 2, nothing left behind', async () => {
    const bad = path.join(dir, 'junk.txt');
    fs.writeFileSync(bad, 'not a log\n');
    const o = path.join(dir, 'y.csv');
    const r = await runCli(['export', bad, '--format', 'csv', '-o', o]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/^zram-ref export: .*junk\.txt/);
    expect(fs.readdirSync(dir).filter((f) => f !== 'junk.txt')).toEqual([]);
  });
});
