// Every committed record bundle (traces/bundles/*) replays on the model; those with exact
// contents give 0 differing fields at every kernel sample, and (kernel-gated) the model's and a
// private real device's outputs diff equal. Bundles with approximate contents are replayed and
// their deviation is reported, not asserted.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Report } from '../../src/report';
import { describeUnless } from '../helpers/skip';
import { runCli } from './cli-harness';

const ROOT = path.join(__dirname, '../../traces/bundles');
const BUNDLES = fs.existsSync(ROOT)
  ? fs.readdirSync(ROOT).filter((d) => fs.existsSync(path.join(ROOT, d, 'manifest.json'))).sort() : [];
const exact = (b: string): boolean => JSON.parse(fs.readFileSync(path.join(ROOT, b, 'manifest.json'), 'utf8')).contents?.mode === 'exact';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-bundles-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function replay(b: string, out: string, ...extra: string[]): Promise<Report> {
  const r = await runCli(['replay', path.join(ROOT, b), '-o', path.join(dir, out), '--every', '100', '--json', ...extra]);
  if (r.code !== 0) throw new Error(`replay ${b}: exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

const NONE = BUNDLES.length ? null : 'no bundles in traces/bundles yet';

describeUnless(NONE, 'committed record bundles on the model', () => {
  test.each(BUNDLES.length ? BUNDLES : ['-'])('%s', async (b) => {
    const rep = await replay(b, `${b}.m.jsonl`);
    expect(rep.kernel.samples).toBeGreaterThan(0);
    if (exact(b)) {
      const differing = rep.kernel.fields.filter((f) => f.mismatches > 0);
      expect(differing).toEqual([]);
      expect(rep.kernel.exact).toBe(rep.kernel.samples);
    } else {
      process.stderr.write(`${b} (approximate contents): ${rep.kernel.exact}/${rep.kernel.samples} samples exact\n`);
    }
  });
});
