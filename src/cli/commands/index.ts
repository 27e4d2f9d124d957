// Every subcommand, one entry each, in the order `--help` lists them. A command's module is
// loaded only when that command runs (or its own help is asked for), so `-V` and `--help` stay
// near bare Node start-up. `usage` and `summary` are what the overview shows without loading the
// module; test/cli/commands.test.ts checks they equal what the module registers.
// To add a command: write commands/NAME.ts exporting register(), and add its line below.
import type { CliCommandModule } from './module';

export interface CommandEntry {
  readonly name: string;
  readonly usage: string;   // the arguments after the name in the overview: '[options] <input>'
  readonly summary: string; // the module's .description()
  readonly load: () => Promise<CliCommandModule>;
}

const entry = (name: string, usage: string, load: CommandEntry['load'], summary: string): CommandEntry =>
  ({ name, usage, summary, load });

export const COMMANDS: readonly CommandEntry[] = [
  entry('blkparse', '[options] [names...]', () => import('./blkparse'),
    'decode blktrace traces (NAME.blktrace.N, or - for stdin) and print them exactly like blkparse 1.2.0'),
  entry('btt', '[options]', () => import('./btt'),
    "btt's figures (Q2Q, Q2G, G2I, I2D, D2C, Q2C, ... per device/process, seeks, IOPS) with percentiles"),
  entry('compare', '[options] <input>', () => import('./compare'),
    'replay one input under several configurations and print one table'),
  entry('demo', '[options]', () => import('./demo'),
    'the main job: replay the bundled real traces on the model (and on a private real zram device when root) ' +
    'and print the report'),
  entry('diff', '[options] <a> <b>', () => import('./diff'),
    'compare two replay outputs files: first divergence and a per-field summary ' +
    '(exit 0 equal, 1 different, 2 bad input)'),
  entry('explore', '[options] <scenario>', () => import('./explore'),
    'enumerate every interleaving of a scenario (scenarios/*.scn) under a metadata-lifetime design'),
  entry('export', '[options] <input>', () => import('./export'),
    'export a replay (outputs file, or a model replay of a log/trace/bundle) to Perfetto, ' +
    'Trace Event JSON, CSV or OpenMetrics'),
  entry('fleet', '', () => import('./fleet'),
    'run many inputs × configs on workers through a Redis queue (BullMQ)'),
  entry('ingest', '[options] <input>', () => import('./ingest'),
    'turn a record bundle or a blktrace trace into an event log (FILE.zlog)'),
  entry('latency', '[options]', () => import('./latency'),
    'Q2C / D2C latency per operation (count, min, mean, p50/p90/p99/p99.9, max) from a blktrace trace'),
  entry('record', '[options] [command...]', () => import('./record'),
    'record a real zram device: blktrace files + exact page contents + kernel stat samples -> a bundle'),
  entry('replay', '[options] <input>', () => import('./replay'),
    'replay an event log on the model or a real zram device; write outputs and print the report'),
  entry('status', '[options] [device...]', () => import('./status'),
    'zramctl-style status of the real zram devices (read only), or of the model after a replay ' +
    '(--replay INPUT)'),
];

export const findCommand = (name: string): CommandEntry | undefined => COMMANDS.find((c) => c.name === name);
