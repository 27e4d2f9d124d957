// Folds record bundles into the model and prints, per bundle, how the model's mm_stat, io_stat,
// debug_stat and stat compare with the kernel's samples (the deviation report).
// Usage: node dist/tools/record/check-bundle.js [--json] BUNDLE...
import { checkEvents } from '../../src/record/bundle-check';
import { bundleEvents, readManifest } from '../../src/record/bundle-read';
import { checkJson, formatCheck } from '../../src/report/check-view';

function main(): number {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  let bad = 0;
  for (const dir of args.filter((a) => a !== '--json')) {
    const m = readManifest(dir, true);
    const b = bundleEvents(dir, m);
    const { events, ingest } = b;
    const r = checkEvents(events);
    if (m.contents.mode === 'exact' && r.exact !== r.samples) bad++;
    const input = b.input;
    if (json) process.stdout.write(JSON.stringify({ ...checkJson(dir, m.contents.mode, r, input), ingest }) + '\n');
    else process.stdout.write(formatCheck(dir, m.contents.mode, r, input));
  }
  return bad ? 1 : 0;
}

process.exitCode = main();
