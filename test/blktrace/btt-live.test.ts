// zram-ref btt against the installed Debian btt, on every committed trace (the traces/ fixtures and
// the record bundles): the blkparse -d dump of each goes through both, and every MIN/AVG/MAX/N row
// btt prints (all devices, per device, per process with -A) and its Q2Q/D2D seek counts and means
// must be equal. The percentiles are ours alone (checked against the engine's own tests).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Btt, bttAvg, BttResult, BttTable } from '../../src/blktrace/btt';
import { readMerged } from '../../src/blktrace/read';
import { devMajor, devMinor } from '../../src/blktrace/record';
import { describeUnless } from '../helpers/skip';
import { REAL_TRACES, traceDirs } from './helpers';

const why = fs.existsSync('/usr/bin/btt') && fs.existsSync('/usr/bin/blkparse') ? null
  : 'btt or blkparse is not installed (apt-get install blktrace; .ci/run does)';
const bundles = path.join(REAL_TRACES, 'bundles');
const traces = [...traceDirs(REAL_TRACES).map((t) => ({ label: t.name, dir: t.dir, name: t.name })),
  ...(fs.existsSync(bundles) ? fs.readdirSync(bundles).sort() : [])
    .filter((b) => fs.existsSync(path.join(bundles, b, 'trace.blktrace.0')))
    .map((b) => ({ label: `bundle ${b}`, dir: path.join(bundles, b), name: 'trace' }))];

type Rows = Map<string, string>; // "section|table|owner" -> "min avg max n"

/** btt's MIN/AVG/MAX/N rows and seek lines, keyed by section, table and owner. */
function parseBtt(text: string): Rows {
  const rows: Rows = new Map();
  let section = '';
  let table = '';
  for (const line of text.split('\n')) {
    const s = /^=+ (.*?) =+$/.exec(line);
    if (s) { section = s[1]; table = ''; continue; }
    const h = /^\s*(\S+)\s+MIN\s+AVG\s+MAX\s+N$/.exec(line);
    if (h) { table = h[1]; continue; }
    const r = /^(.+?)\s+(\d+\.\d{9})\s+(\d+\.\d{9})\s+(\d+\.\d{9})\s+(\d+)$/.exec(line);
    if (r && table) {
      const owner = section === 'All Devices' ? '' : r[1].trim();
      rows.set(`${section}|${section === 'All Devices' ? r[1].trim() : table}|${owner}`, r.slice(2).join(' '));
    }
    const k = /^\s*(\(\s*\d+,\s*\d+\)) \|\s+(\d+)\s+(\d+\.\d)\s/.exec(line);
    if (k && section.includes('Seek')) rows.set(`${section}|seeks|${k[1]}`, `${k[2]} ${k[3]}`);
  }
  return rows;
}

const devName = (dev: number): string => `(${String(devMajor(dev)).padStart(3)},${String(devMinor(dev)).padStart(3)})`;

function ourRows(r: BttResult): Rows {
  const rows: Rows = new Map();
  const put = (section: string, t: BttTable, owner: string | null): void => {
    for (const [label, f] of t) {
      const a = bttAvg(f);
      rows.set(`${section}|${label}|${owner ?? ''}`, `${a.min} ${a.avg} ${a.max} ${a.n}`);
    }
  };
  put('All Devices', r.all, null);
  for (const d of r.devices) {
    put('Per Device', d.table, devName(d.dev));
    const seeks = [['Device Q2Q Seek Information', d.q2qSeeks], ['Device D2D Seek Information', d.d2dSeeks]] as const;
    for (const [sec, s] of seeks) {
      if (s.n) rows.set(`${sec}|seeks|${devName(d.dev)}`, `${s.n} ${(s.totalSectors / s.n).toFixed(1)}`);
    }
  }
  for (const [p, t] of r.processes) put('Per Process', t, p);
  return rows;
}

describeUnless(why, 'btt figures against the installed Debian btt', () => {
  let tmp = '';
  beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zr-btt-')); });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it.each(traces.map((t) => [t.label, t] as const))('%s: every row btt prints is ours too, equal', (_l, t) => {
    const dump = path.join(tmp, `${t.label.replace(/\W/g, '_')}.bin`);
    execFileSync('blkparse', ['-i', t.name, '-d', dump, '-O'], { cwd: t.dir, stdio: 'ignore' });
    const theirs = parseBtt(execFileSync('btt', ['-A', '-i', dump], { cwd: tmp, encoding: 'utf8' }));
    const b = new Btt();
    for (const m of readMerged(dump).merged) b.add(m.rec);
    const mine = ourRows(b.result());
    expect(theirs.size).toBeGreaterThan(0);
    expect(Object.fromEntries([...theirs.keys()].map((k) => [k, mine.get(k) ?? 'missing'])))
      .toEqual(Object.fromEntries(theirs));
    // and nothing of ours that btt leaves out, except M2D per device and per process (btt computes
    // them but prints M2D only over all devices)
    expect([...mine.keys()].filter((k) => !theirs.has(k) && !/^Per (Device|Process)\|M2D\|/.test(k))).toEqual([]);
  });
});
