// Every committed record bundle replayed on the model and on a private real device: outputs diff
// equal (kernel-gated; the model-only checks are in bundles.test.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Report } from '../../src/report';
import { describeKernel } from '../helpers/kernel';
import { describeUnless } from '../helpers/skip';
import { runCli } from './cli-harness';

const ROOT = path.join(__dirname, '../../traces/bundles');
const BUNDLES = fs.existsSync(ROOT)
  ? fs.readdirSync(ROOT).filter((d) => fs.existsSync(path.join(ROOT, d, 'manifest.json'))).sort() : [];

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-bundles-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function replay(b: string, out: string, ...extra: string[]): Promise<Report> {
  const r = await runCli(['replay', path.join(ROOT, b), '-o', path.join(dir, out), '--every', '100', '--json', ...extra]);
  if (r.code !== 0) throw new Error(`replay ${b}: exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

const NONE = BUNDLES.length ? null : 'no bundles in traces/bundles yet';

describeKernel('committed record bundles: model and real device', () => describeUnless(NONE, 'each bundle', () => {
  test.each(BUNDLES.length ? BUNDLES : ['-'])('%s: outputs diff equal', async (b) => {
    await replay(b, `${b}.m2.jsonl`);
    await replay(b, `${b}.k.jsonl`, '--target', 'new');
    const r = await runCli(['diff', path.join(dir, `${b}.m2.jsonl`), path.join(dir, `${b}.k.jsonl`)]);
    expect(r.stdout).toMatch(/EQUAL/);
    expect(r.code).toBe(0);
  });
}));
