// `npm run bench`: runs every benchmark in tools/bench/ one after another (never in parallel:
// each compares against a baseline measured in the same run, and the machine has 2 cores).
// `npm run bench -- NAME...` runs only the named ones (e.g. zram-write lz4-speed).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const benches = fs.readdirSync(__dirname)
  .filter((f) => f.endsWith('.js') && !['run.js', 'page-timing.js', 'replay-goal.js'].includes(f))
  .map((f) => f.replace(/\.js$/, ''))
  .filter((n) => only.length === 0 || only.includes(n))
  .sort((a, b) => (a === 'zram-write' ? -1 : b === 'zram-write' ? 1 : a.localeCompare(b)));
let failed = 0;
for (const name of benches) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, `${name}.js`)], { stdio: 'inherit' });
  if (r.status !== 0) { failed++; process.stdout.write(`${name}: exit ${r.status}\n`); }
}
process.exit(failed ? 1 : 0);
