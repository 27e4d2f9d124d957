// Folds record bundles into the model and prints, per bundle, how the model's mm_stat, io_stat,
// debug_stat and stat compare with the kernel's samples (the deviation report).
// Usage: node dist/tools/record/check-bundle.js [--json] BUNDLE...
import { checkEvents, formatCheck } from '../../src/record/bundle-check';
import { bundleEvents, readManifest } from '../../src/record/bundle-read';

function main(): number {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  let bad = 0;
  for (const dir of args.filter((a) => a !== '--json')) {
    const m = readManifest(dir, true);
    const { events, ingest } = bundleEvents(dir, m);
    const r = checkEvents(events);
    if (m.contents.mode === 'exact' && r.exact !== r.samples) bad++;
    if (json) process.stdout.write(JSON.stringify({ bundle: dir, contents: m.contents.mode, ingest, ...r }) + '\n');
    else process.stdout.write(`[${m.contents.mode}] ` + formatCheck(dir, r));
  }
  return bad ? 1 : 0;
}

process.exitCode = main();
