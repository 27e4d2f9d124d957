// `zram-ref ingest INPUT -o FILE.zlog`: a record bundle or a bare blktrace trace (with --content)
// into an event log, the one input replay, compare and bisecting folds read. Exit 0 written,
// 2 bad input (nothing is written then).
import type { Command } from 'commander';
import * as fs from 'node:fs';
import { fileDigest } from '../../ingest/input-digest';
import { BadInputError } from '../../replay/bad-input';
import { parseContentMode } from '../../replay/content-fill';
import { ingestInput } from '../../replay/ingest-input';
import { locateInput } from '../../replay/input';
import { progressBar } from '../../replay/progress';

interface IngestOpts { output?: string; content: string; json?: boolean }

const HELP = `
Ingest pairs each bio's queue and completion, gives writes their page contents, merges the
recorder's sysfs stores and kernel samples by time and numbers the events; the log's header
names the input (kind, base name, sha256 of its files), the content model and the tool version.
replay and compare ingest bundles and traces themselves (into a cache, $ZRAM_REF_CACHE or
~/.cache/zram-ref); ingest makes a log to keep, share or replay --from.

Examples:
  zram-ref ingest traces/bundles/seqwrite -o seqwrite.zlog
  zram-ref ingest traces/zram-seqwrite --content synthetic:text:2,zeros:1 -o seq.zlog
  zram-ref replay seqwrite.zlog -o out.jsonl`;

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('ingest')
    .description('turn a record bundle or a blktrace trace into an event log (FILE.zlog)')
    .argument('<input>', 'record bundle directory, or a blktrace trace (NAME, NAME.blktrace.N, or a directory holding one)')
    .option('-o, --output <file>', 'the log to write (must not exist)')
    .option('--content <mode>', 'a bare trace\'s write contents: synthetic:SPEC | image:FILE (bundles carry theirs)', 'exact')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', HELP)
    .action(async (input: string, opts: IngestOpts) => setExit(await runIngest(input, opts)));
}

async function runIngest(input: string, opts: IngestOpts): Promise<number> {
  const bar = progressBar('ingest');
  try {
    if (!opts.output) throw new BadInputError('-o FILE.zlog is required: the log to write');
    if (fs.existsSync(opts.output)) throw new BadInputError(`${opts.output} exists: remove it or choose another -o`);
    parseContentMode(opts.content);
    const loc = locateInput(input);
    if (loc.kind === 'log') throw new BadInputError(`${input}: already an event log (replay it directly)`);
    const r = await ingestInput(loc, opts.content, opts.output, (n) => bar.update(n, n));
    bar.stop();
    for (const w of r.warnings) process.stderr.write(`zram-ref ingest: warning: ${w}\n`);
    const summary = { log: opts.output, logDigest: fileDigest(opts.output), events: r.log.events, bytes: r.log.bytes,
      input: { kind: r.source.kind, name: r.source.name, digest: r.source.digest, content: r.source.content } };
    process.stdout.write(opts.json ? JSON.stringify(summary, null, 2) + '\n'
      : `${r.source.kind} ${r.source.name} -> ${opts.output}: ${r.log.events} events, ${r.log.bytes} bytes, ` +
        `${summary.logDigest}\n`);
    return 0;
  } catch (e) {
    bar.stop();
    if (e instanceof BadInputError) {
      process.stderr.write(`zram-ref ingest: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
