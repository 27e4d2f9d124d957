// `compare --html FILE`: one chart per measure, one line per configuration, over trace time.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../replay/cli-harness';

const BUNDLE = path.join(__dirname, '../../traces/bundles/seqwrite');

test('compare --html: four measures, each with one line per configuration, named in the legend', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-cmp-html-'));
  try {
    const out = path.join(dir, 'cmp.html');
    const r = await runCli(['compare', BUNDLE, '--config', 'alg=lz4', '--config', 'alg=lzo', '--every', '8', '--html', out]);
    expect(r.code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    const charts = [...html.matchAll(/<svg id="([^"]+)"[\s\S]*?<\/svg>/g)];
    expect(charts.map((m) => m[1])).toEqual(['compare-ratio', 'compare-compr', 'compare-mem-used', 'compare-huge']);
    for (const [svg] of charts) {
      expect(svg.match(/<g class="series" data-name="alg=(lz4|lzo)"><polyline /g)).toHaveLength(2);
      expect(svg).toContain('>trace time (s)<');
    }
    // lz4 and lzo compress differently: the ratio lines are not the same line
    const lines = [...charts[0][0].matchAll(/points="([^"]+)"/g)].map((m) => m[1]);
    expect(lines[0]).not.toBe(lines[1]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
