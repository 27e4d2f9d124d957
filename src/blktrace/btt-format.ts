// btt's figures as text (btt's row layout: label, MIN, AVG, MAX in seconds, N, then the
// percentiles btt lacks) and as JSON (the one latency shape: nanoseconds, p50/p90/p99/p999).
import { BttDevice, bttAvg, BttResult, BttTable, figureJson, FigureJson, SeekStats } from './btt';
import { devMajor, devMinor } from './record';

const ORDER = ['Q2Qdm', 'Q2Adm', 'Q2Cdm', 'Q2Q', 'Q2A', 'Q2G', 'S2G', 'G2I', 'Q2M', 'I2D', 'M2D', 'D2C', 'Q2C'];
const sorted = (t: BttTable): string[] => ORDER.filter((r) => t.has(r));
const devName = (dev: number): string => `(${String(devMajor(dev)).padStart(3)},${String(devMinor(dev)).padStart(3)})`;
const sec = (ns: number | null): string => (ns === null ? '-' : (ns / 1e9).toFixed(9)).padStart(13);

function row(label: string, t: BttTable, r: string): string {
  const f = t.get(r)!;
  const a = bttAvg(f);
  const p = f.hist.summary();
  return `${label.padEnd(15)} ${a.min.padStart(13)} ${a.avg.padStart(13)} ${a.max.padStart(13)} ` +
    `${String(a.n).padStart(11)} ` +
    `${sec(p.p50)} ${sec(p.p90)} ${sec(p.p99)} ${sec(p.p999)}\n`;
}

const HEAD = (first: string): string =>
  `${first.padStart(15)} ${'MIN'.padStart(13)} ${'AVG'.padStart(13)} ${'MAX'.padStart(13)} ${'N'.padStart(11)} ` +
  `${'P50'.padStart(13)} ${'P90'.padStart(13)} ${'P99'.padStart(13)} ${'P99.9'.padStart(13)}\n` +
  `${'-'.repeat(15)} ${'------------- '.repeat(3)}----------- ${'------------- '.repeat(3)}-------------\n`;

/** One table per row kind, one line per owner (device or process), as btt's per-device section. */
function byOwner(owners: [string, BttTable][]): string {
  let out = '';
  for (const r of ORDER) {
    const have = owners.filter(([, t]) => t.has(r));
    if (have.length === 0) continue;
    out += HEAD(r) + have.map(([name, t]) => row(name, t, r)).join('') + '\n';
  }
  return out;
}

function seekLine(name: string, s: SeekStats): string {
  let most = 0;
  const modes: number[] = [];
  for (const [d, n] of [...s.dist.entries()].sort((a, b) => a[0] - b[0])) {
    if (n > most) { most = n; modes.length = 0; }
    if (n === most) modes.push(d);
  }
  const med = median(s);
  const mode = modes.length ? `${modes[0]}(${most})${modes.length > 1 ? ` +${modes.length - 1} more` : ''}` : '-';
  const mean = (s.n ? s.totalSectors / s.n : 0).toFixed(1);
  return ` ${name.padStart(9)} | ${String(s.n).padStart(15)} ${mean.padStart(15)} ` +
    `${String(med).padStart(15)} | ${mode}\n`;
}

/** The true median seek distance (btt's own MEDIAN column is not this; see the report). */
function median(s: SeekStats): number {
  let seen = 0;
  for (const [d, n] of [...s.dist.entries()].sort((a, b) => a[0] - b[0])) {
    seen += n;
    if (seen * 2 >= s.n) return d;
  }
  return 0;
}

function rates(d: BttDevice): { iops: number | null; mibPerSec: number | null; seconds: number } {
  const span = d.first !== null && d.last !== null ? Number(d.last - d.first) / 1e9 : 0;
  return { seconds: span, iops: span > 0 ? d.nC / span : null, mibPerSec: span > 0 ? d.cBytes / 1048576 / span : null };
}

export function formatBtt(r: BttResult): string {
  let out = '==================== All Devices ====================\n\n' + HEAD('ALL');
  out += sorted(r.all).map((x) => row(x, r.all, x)).join('') + '\n';
  out += '==================== Per Device ====================\n\n' +
    byOwner(r.devices.map((d) => [devName(d.dev), d.table]));
  out += '==================== Per Process ====================\n\n' +
    byOwner([...r.processes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  for (const [title, pick] of [['Q2Q', (d: BttDevice) => d.q2qSeeks], ['D2D', (d: BttDevice) => d.d2dSeeks]] as const) {
    out += `==================== Device ${title} Seek Information ====================\n\n` +
      '       DEV |          NSEEKS            MEAN          MEDIAN | MODE\n' +
      r.devices.filter((d) => pick(d).n > 0).map((d) => seekLine(devName(d.dev), pick(d))).join('') + '\n';
  }
  out += '==================== Throughput (completions, first to last event) ====================\n\n' +
    '       DEV |        IOs       IOPS       MiB/s    seconds\n' + r.devices.map((d) => {
    const x = rates(d);
    return ` ${devName(d.dev).padStart(9)} | ${String(d.nC).padStart(10)} ${(x.iops ?? 0).toFixed(1).padStart(10)} ` +
      `${(x.mibPerSec ?? 0).toFixed(3).padStart(11)} ${x.seconds.toFixed(6).padStart(10)}\n`;
  }).join('');
  return out;
}

const tableJson = (t: BttTable): Record<string, FigureJson> =>
  Object.fromEntries(sorted(t).map((r) => [r, figureJson(t.get(r)!)]));

export function bttJson(r: BttResult): unknown {
  return {
    all: tableJson(r.all),
    devices: r.devices.map((d) => ({ device: `${devMajor(d.dev)},${devMinor(d.dev)}`, figures: tableJson(d.table),
      queued: d.nQ, issued: d.nD, completed: d.nC, completedBytes: d.cBytes, ...rates(d),
      seeks: { q2q: seekJson(d.q2qSeeks), d2d: seekJson(d.d2dSeeks) } })),
    processes: Object.fromEntries([...r.processes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([p, t]) => [p, tableJson(t)])),
  };
}

function seekJson(s: SeekStats): { n: number; meanSectors: number | null; medianSectors: number | null } {
  return { n: s.n, meanSectors: s.n ? s.totalSectors / s.n : null, medianSectors: s.n ? median(s) : null };
}
