// Goldens of the per-sample deviation views and the trust section: the replay report (text, JSON,
// HTML fragment), `record --check` (text, JSON) and `diff` (text, JSON) of the committed
// ext4-fstrim bundle (approximate: 11 of its 12 kernel samples differ from the model; ingest's
// provenance of its pages, from the end image, is the trust section), and the
// check and HTML fragment with hand-made provenance in the contract's shape. Regenerate with
// UPDATE_GOLDEN=1 after an intended change, and review the diff.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffOutputs, formatDiff } from '../../src/diff';
import { checkEvents } from '../../src/record/bundle-check';
import { bundleEvents, readManifest } from '../../src/record/bundle-read';
import { formatReport, jsonReport, type Report } from '../../src/report';
import { checkJson, formatCheck } from '../../src/report/check-view';
import { reportSections } from '../../src/report/html';
import { ModelImplementation } from '../../src/replay/model-implementation';
import { readOutputs } from '../../src/replay/read-outputs';
import { replaySession } from '../../src/replay/session';

const FIXTURES = path.join(__dirname, '../fixtures/report');
const BUNDLE = path.join(__dirname, '../../traces/bundles/ext4-fstrim');
let dir = '';
const savedCache = process.env.ZRAM_REF_CACHE;
// a private log cache: a shared one may hold a log ingested by other code (its key is the ingest version)
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-deviation-'));
  process.env.ZRAM_REF_CACHE = path.join(dir, 'cache');
});
afterAll(() => {
  if (savedCache === undefined) delete process.env.ZRAM_REF_CACHE;
  else process.env.ZRAM_REF_CACHE = savedCache;
  fs.rmSync(dir, { recursive: true, force: true });
});

function golden(name: string, actual: string): void {
  const file = path.join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

/** The model's report of the bundle; tool speed (wall clock) left out: it varies between runs. */
async function report(out?: string, algorithm?: string): Promise<Report> {
  const { report: r } = await replaySession({ input: BUNDLE, out, knobs: { algorithm }, variant: 'claim',
    content: 'exact', every: 100, target: async () => new ModelImplementation() });
  return { ...r, speed: null };
}

const fixture = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, `provenance-${name}.json`), 'utf8'));
function check() {
  const b = bundleEvents(BUNDLE, readManifest(BUNDLE, true));
  return { r: checkEvents(b.events), input: b.input };
}

describe('deviation goldens: ext4-fstrim (model vs kernel)', () => {
  test('replay report: text, JSON and the HTML fragment', async () => {
    const r = await report();
    expect(r.kernel.summary).toMatchObject({ samples: 12, exact: 1 });
    golden('ext4-fstrim.report.txt', formatReport(r));
    golden('ext4-fstrim.report.json', jsonReport(r));
    golden('ext4-fstrim.sections.html', reportSections(r).join(''));
    expect(formatReport(await report())).toBe(formatReport(r));
  });

  test('record --check: text and JSON', () => {
    const { r, input } = check();
    expect(input.contents?.mode).toBe('approximate');
    golden('ext4-fstrim.check.txt', formatCheck('ext4-fstrim', 'approximate', r, input));
    golden('ext4-fstrim.check.json', JSON.stringify(checkJson('ext4-fstrim', 'approximate', r, input), null, 2) + '\n');
  });

  test('diff of the lzo-rle and lz4 replays: text and JSON', async () => {
    const files = ['A.jsonl', 'B.jsonl'].map((f) => path.join(dir, f));
    await report(files[0]);
    await report(files[1], 'lz4');
    const [A, B] = await Promise.all(files.map(readOutputs));
    try {
      const d = await diffOutputs({ name: 'A.jsonl', ...A }, { name: 'B.jsonl', ...B });
      expect(d.stats.summary.samples).toBeGreaterThan(10);
      golden('ext4-fstrim.diff.txt', formatDiff(d));
      golden('ext4-fstrim.diff.json', JSON.stringify(d, null, 2) + '\n');
    } finally {
      A.close();
      B.close();
    }
  });
});

describe.each(['swap', 'exact'])('deviation goldens: provenance fixture %s', (name) => {
  test('record --check (text, JSON) and the report\'s HTML fragment', async () => {
    const input = fixture(name);
    const { r: c } = check();
    golden(`provenance-${name}.check.txt`, formatCheck('ext4-fstrim', 'captured', c, input));
    const json = checkJson('ext4-fstrim', 'captured', c, input);
    golden(`provenance-${name}.check.json`, JSON.stringify(json, null, 2) + '\n');
    const r = await report();
    const withInput = { ...r, input: { ...r.input!, ...(input as object) } };
    golden(`provenance-${name}.sections.html`, reportSections(withInput).join(''));
  });
});
