// `zram-ref status [DEVICE...]`: zramctl's status view of the real zram devices (read only), or
// with --replay INPUT of the model device a replay ends in; --classes adds the zsmalloc size-class
// table (as debugfs zsmalloc/zramN/classes prints it) for the model. Exit 0, 2 bad input.
import type { Command } from 'commander';
import { BadInputError } from '../../replay/bad-input';
import { progressBar } from '../../replay/progress';
import {
  COLUMNS, formatJson, formatRaw, formatTable, parseColumns, type Column, type StatusRow,
} from '../../status/columns';
import { modelStatus } from '../../status/model-status';
import { allDeviceRows, deviceRow, namedDeviceName } from '../../status/sysfs-devices';
import { formatClassStats } from '../../zsmalloc/class-stats';

interface StatusOpts {
  bytes?: boolean; output?: string; outputAll?: boolean; raw?: boolean; noheadings?: boolean; json?: boolean;
  replay?: string; classes?: boolean; content: string;
}

const COLUMN_HELP = COLUMNS.map((c) => `  ${c.name.padStart(10)}  ${c.help}`).join('\n');

export function register(program: Command, setExit: (code: number) => void): void {
  program.command('status')
    .description('zramctl-style status of the real zram devices (read only), or of the model after a replay ' +
      '(--replay INPUT)')
    .argument('[device...]', 'devices to show (/dev/zramN, zramN or N); default: every initialised one')
    .option('-b, --bytes', 'print sizes in bytes rather than in human readable format')
    .option('-o, --output <list>', 'columns to show, comma-separated (+LIST adds to the default)')
    .option('--output-all', 'show every column')
    .option('-r, --raw', 'raw output: one space between values, blanks escaped as \\x20')
    .option('-n, --noheadings', "don't print headings")
    .option('--json', 'JSON: column names in lower case, sizes as numbers of bytes, empty values null')
    .option('--replay <input>', 'replay INPUT (log, trace or bundle) on the model and show the device it ends in')
    .option('--classes', 'with --replay: the zsmalloc size-class table (debugfs zsmalloc/zramN/classes columns)')
    .option('--content <mode>', 'with --replay of a bare trace: exact | synthetic:SPEC | image:FILE', 'exact')
    .addHelpText('after', `\nColumns:\n${COLUMN_HELP}\n\n` +
      'Default: NAME,ALGORITHM,DISKSIZE,DATA,COMPR,TOTAL,STREAMS,MOUNTPOINT (as zramctl).\n' +
      'Examples:\n  zram-ref status\n  zram-ref status --bytes -o NAME,DATA,COMPR,TOTAL /dev/zram1\n' +
      '  zram-ref status --replay traces/bundles/seqwrite --classes\nExit status: 0 shown, 2 bad input.')
    .action(async (devices: string[], opts: StatusOpts) => setExit(await runStatus(devices, opts)));
}

function realRows(devices: string[]): StatusRow[] {
  if (devices.length === 0) return allDeviceRows();
  return devices.map((d) => {
    const name = namedDeviceName(d);
    const row = name === null ? null : deviceRow(name);
    if (row === null) throw new BadInputError(`${d}: no such zram device (see ls /sys/block | grep zram)`);
    return row;
  });
}

function render(rows: StatusRow[], cols: Column[], opts: StatusOpts): string {
  if (opts.json) return formatJson(rows, cols);
  const o = { bytes: opts.bytes === true, headings: opts.noheadings !== true };
  return opts.raw ? formatRaw(rows, cols, o) : formatTable(rows, cols, o);
}

async function runStatus(devices: string[], opts: StatusOpts): Promise<number> {
  const fail = (m: string): number => { process.stderr.write(`zram-ref status: ${m}\n`); return 2; };
  let cols: Column[];
  try {
    cols = parseColumns(opts.output, opts.outputAll === true);
  } catch (e) {
    return fail(`--output: ${(e as Error).message}`);
  }
  if (opts.classes && !opts.replay) {
    return fail('--classes needs --replay INPUT (the real pool is in debugfs: /sys/kernel/debug/zsmalloc/)');
  }
  if (opts.replay && devices.length > 0) return fail('give either devices or --replay INPUT, not both');
  const bar = progressBar('replay');
  try {
    if (!opts.replay) { process.stdout.write(render(realRows(devices), cols, opts)); return 0; }
    const m = await modelStatus(opts.replay, opts.content, (d, t) => bar.update(d, t));
    bar.stop();
    if (!opts.classes) { process.stdout.write(render([m.row], cols, opts)); return 0; }
    if (m.classes === null) {
      return fail(`${opts.replay}: the replay ends with no pool (device not initialised): no classes`);
    }
    const classes = m.classes;
    process.stdout.write(opts.json ? JSON.stringify({ classes }, null, 2) + '\n' : formatClassStats(classes));
    return 0;
  } catch (e) {
    bar.stop();
    if (e instanceof BadInputError) return fail(e.message);
    throw e;
  }
}
