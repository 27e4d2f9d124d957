// `zram-ref record -o BUNDLE ...`: record a real zram device's bios (blktrace files), the
// bytes it was given, and its own stats into a bundle that `readBundle` turns into events.
// Exit codes: 0 recorded, 1 recording failed (loss, workload or command failure, write error), 2 bad usage.
import type { Command } from 'commander';
import * as fs from 'node:fs';
import { Machine, realMachine, recordProblems } from '../../record/capabilities';
import { checkEvents } from '../../record/bundle-check';
import { BundleError, bundleEvents, readManifest } from '../../record/bundle-read';
import { BadInputError } from '../../replay/bad-input';
import { cleanupStale } from '../../record/cleanup';
import { CommandContents, RecordOptions, RecordResult, RecordUsageError } from '../../record/options';
import { progressLine } from '../../record/progress-line';
import { record } from '../../record/recorder';
import { parseSize } from '../../record/size';
import { parseWorkload } from '../../record/workload-parse';
import { concurrentWriteLines, WorkloadError } from '../../record/workload-types';
import { checkJson, formatCheck } from '../../report/check-view';

export interface RecordCliOpts {
  output?: string; device?: string; new?: boolean; algorithm?: string; params?: string; disksize?: string;
  memLimit?: string; interval: string; allowLoss?: boolean; force?: boolean; workload?: string; image: boolean;
  contents?: string; freeze?: boolean; swapLimit?: string;
  bufferKb?: string; blktrace: boolean; json?: boolean; cleanup?: boolean; quiet?: boolean; check?: string;
}

/** `--check BUNDLE`: folds the bundle into the model and reports it against the kernel's samples. */
function checkBundle(dir: string, json: boolean, out: NodeJS.WritableStream): number {
  const m = readManifest(dir, true);
  const b = bundleEvents(dir, m);
  const r = checkEvents(b.events);
  // b.input: ingest's provenance counts (issue 11's contract, §3)
  out.write(json ? JSON.stringify(checkJson(dir, m.contents.mode, r, b.input), null, 2) + '\n'
    : formatCheck(dir, m.contents.mode, r, b.input));
  return m.contents.mode === 'exact' && (r.exact !== r.samples || r.rejected.length > 0) ? 1 : 0;
}

const HELP = `
Records a real zram device into a bundle: the bios (blktrace files, readable by blkparse and
btt), the exact bytes of every write (built-in workloads; external commands: each write read
back from the device as soon as the trace shows it complete), and mm_stat/io_stat/debug_stat/stat
samples on CLOCK_MONOTONIC.

Examples:
  zram-ref record -o traces/bundles/seq --new --algorithm lz4 --disksize 16M --workload seq.wl
  zram-ref record -o /tmp/fs --new --disksize 64M --interval 200 -- sh -c 'mkfs.ext4 -q $DEV'
  zram-ref record --cleanup          # after a recorder was killed with SIGKILL
  zram-ref record --check traces/bundles/seqwrite   # model vs kernel at every sample

Workload files (one step per line; see traces/README.md):
  write start=0 size=4M bs=128K content=mix:text:0.5,zeros:0.5 seed=1
  randrw start=0 size=8M count=2000 bs=4K read=0.3 threads=2 content=mix:text:1 seed=2
  overwrite start=0 size=1M bs=4K content=same:0xdeadbeef
  read start=0 size=4M bs=64K      discard off=0 len=1M bs=64K      zeroout off=1M len=256K
  compact      mem_limit 64K      mem_used_max      sample
The command gets the device path in $DEV. It runs in a cgroup v1 freezer group of its own
(/sys/fs/cgroup/freezer/zram-ref-PID): each sample freezes it, waits for the read-back, samples
and thaws it (kernel threads such as writeback kworkers, jbd2 and kswapd are not frozen). Capture: blktrace(8) if the kernel allows it,
else the ftrace blk tracer (lockdown); the manifest says which. Tracing is taken under the
lock /run/lock/zram-ref-tracing (tracefs and debugfs are mounted if they are not, and
unmounted again) and fully restored on exit, SIGINT, SIGTERM and SIGHUP; after SIGKILL a
guardian process runs \`record --cleanup\` (see traces/README.md).
Exit codes: 0 recorded, 1 recording failed (bundle marked failed, or none), 2 bad usage.`;

function usage(msg: string): never {
  throw new RecordUsageError(msg);
}

/** --contents, with --no-image kept as the old spelling of `--contents none`. */
function commandContents(o: RecordCliOpts): CommandContents {
  const c = o.contents ?? (o.image ? 'capture' : 'none');
  if (!['capture', 'image', 'none'].includes(c)) usage(`--contents ${c}: expected capture, image or none`);
  if (!o.image && c !== 'none') usage('--no-image contradicts --contents ' + c);
  return c as CommandContents;
}

export function buildOptions(o: RecordCliOpts, command: string[]): RecordOptions {
  if (!o.output) usage('-o BUNDLE is required');
  if (!!o.new === !!o.device) usage('give exactly one of --new and --device /dev/zramN');
  if (!!o.workload === command.length > 0) usage('give exactly one of --workload FILE and -- COMMAND ARGS...');
  if (o.new && !o.disksize) usage('--new needs --disksize (at most 256M)');
  for (const [flag, v] of [['--disksize', o.disksize], ['--mem-limit', o.memLimit]] as const) {
    if (v !== undefined && parseSize(v) === null) usage(`${flag} ${v}: not a size`);
  }
  if (o.disksize && parseSize(o.disksize)! > 256 * 2 ** 20) usage('--disksize: at most 256M');
  const intervalMs = Number(o.interval);
  if (!Number.isInteger(intervalMs) || intervalMs < 0) usage(`--interval ${o.interval}: a whole number of ms`);
  let workload;
  if (o.workload) {
    let text: string;
    try { text = fs.readFileSync(o.workload, 'utf8'); } catch (e) { usage(`--workload ${o.workload}: ${(e as Error).message}`); }
    workload = parseWorkload(text, o.workload);
  }
  return { output: o.output, device: o.device, newDevice: !!o.new, algorithm: o.algorithm, params: o.params,
    disksize: o.disksize, memLimit: o.memLimit, intervalMs, allowLoss: !!o.allowLoss, force: !!o.force, workload,
    command: command.length ? command : undefined, contents: commandContents(o), freeze: o.freeze !== false, tryBlktrace: o.blktrace,
    bufferSizeKb: o.bufferKb ? Number(o.bufferKb) : undefined, swapLimit: swapLimit(o, command) };
}

/** --swap-limit: only for a command on a device of our own (--new). */
function swapLimit(o: RecordCliOpts, command: string[]): number | undefined {
  if (o.swapLimit === undefined) return undefined;
  const n = parseSize(o.swapLimit);
  if (n === null || n < 1 << 20) usage(`--swap-limit ${o.swapLimit}: a size of at least 1M`);
  if (!command.length || !o.new) usage('--swap-limit needs --new and a command (workloads use a `swap` line)');
  return n;
}

export interface RecordDeps {
  readonly machine: Machine;
  readonly record: (o: RecordOptions) => Promise<RecordResult>;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WriteStream | NodeJS.WritableStream;
}

const realDeps = (): RecordDeps => ({ machine: realMachine, record, out: process.stdout, err: process.stderr });

export async function runRecord(o: RecordCliOpts, command: string[], deps: RecordDeps = realDeps()): Promise<number> {
  const say = (l: string): void => { if (!o.quiet) deps.err.write(`zram-ref record: ${l}\n`); };
  try {
    const problems = o.check ? [] : recordProblems(deps.machine, !!o.new || !!o.cleanup);
    if (problems.length) { say(`cannot record here: ${problems.join('; ')}`); return 2; }
    if (o.check) return checkBundle(o.check, !!o.json, deps.out);
    if (o.cleanup) {
      const lines = cleanupStale();
      for (const l of lines) say(l);
      if (lines.length === 0) say('nothing to clean up');
      return lines.some((l) => l.includes('ERROR')) ? 1 : 0;
    }
    const opts = buildOptions(o, command);
    const together = opts.workload ? concurrentWriteLines(opts.workload) : [];
    if (together.length) {
      say(`note: ${o.workload}: line ${together.join(', ')} writes on several threads; the order in which zsmalloc ` +
        'serves overlapping writes is not traced, so `record --check` may differ in mem_used_total, mem_used_max ' +
        'and pages_compacted (traces/README.md); one writer checks exactly');
    }
    const tty = (deps.err as NodeJS.WriteStream).isTTY && !o.json ? progressLine(deps.err as NodeJS.WriteStream) : null;
    const r = await deps.record({ ...opts, onProgress: tty ? (p) => tty.update(p) : undefined, log: say });
    tty?.end();
    if (o.json) deps.out.write(JSON.stringify(r.summary, null, 2) + '\n');
    else say(`${r.ok ? 'recorded' : 'FAILED'}: ${r.bundle ?? '(no bundle)'}${r.failure ? ` (${r.failure})` : ''}`);
    return r.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof RecordUsageError || e instanceof WorkloadError || e instanceof BundleError || e instanceof BadInputError) {
      say(e.message);
      return 2;
    }
    if (o.check) throw e; // not a recording: the CLI's one error path names it (src/cli/failure.ts)
    say(`recording failed: ${(e as Error).message}`);
    return 1;
  }
}

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('record')
    .description('record a real zram device: blktrace files + exact page contents + kernel stat samples -> a bundle')
    .argument('[command...]', 'external command to trace (after --); gets the device in $DEV')
    .option('-o, --output <bundle>', 'bundle directory to create (must not exist)')
    .option('--device <dev>', 'record this existing device (/dev/zramN; needs --force: not created by us)')
    .option('--new', 'create a private device with hot_add, configure it, remove it afterwards')
    .option('--algorithm <alg>', 'comp_algorithm (lzo-rle, lzo, lz4)')
    .option('--params <text>', "algorithm_params, e.g. 'level=8'")
    .option('--disksize <size>', 'disksize, e.g. 16M (at most 256M)')
    .option('--mem-limit <size>', 'mem_limit before the workload')
    .option('--interval <ms>', 'also sample the kernel stats every MS milliseconds (0: start and end only)', '0')
    .option('--allow-loss', 'keep a recording that lost trace events (the count goes into the manifest)')
    .option('--force', 'allow zram0 or a device this command did not create (never a busy one)')
    .option('--workload <file>', 'built-in workload file: exact contents of every write are recorded')
    .option('--contents <how>', 'external command: capture (read every write back, the default) | image (the device' +
      ' image at the end) | none')
    .option('--no-image', 'the same as --contents none')
    .option('--no-freeze', 'external command: do not run it in a freezer cgroup (samples are then not quiet)')
    .option('--swap-limit <size>', 'external command: run it in a memory cgroup of this limit with the (--new) device ' +
      'as its swap')
    .option('--no-blktrace', 'do not try blktrace(8); use the ftrace blk tracer directly')
    .option('--buffer-kb <kb>', 'ftrace per-CPU buffer size in KiB', '65536')
    .option('--json', 'print a JSON summary on stdout')
    .option('--cleanup', 'undo what a killed recorder left: trace readers, tracefs settings, devices')
    .option('--quiet', 'no messages on stderr')
    .option('--check <bundle>', 'fold a bundle into the model and compare it with the kernel at every sample (exit 1 if an exact bundle differs)')
    .addHelpText('after', HELP)
    .action(async (command: string[], opts: RecordCliOpts) => setExit(await runRecord(opts, command)));
}
