// Records the runs of zsmalloc shrinkers during a recording: the vmscan tracepoints
// mm_shrink_slab_start/_end in an ftrace instance of their own (the blk tracer keeps the top
// instance in binary mode), on the same clock. Nothing outside the instance is changed, and the
// instance, named after this process, is removed on stop, by abort() (the recorder's signal
// teardown), and by `record --cleanup` once this process is gone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alive } from './ftrace-lock';
import { TRACEFS } from './ftrace-settings';
import { parseShrinkerTrace, type ShrinkerParse } from './shrinker-text';

const PREFIX = 'zram-ref-shrinker-';
const EVENTS = ['mm_shrink_slab_start', 'mm_shrink_slab_end'];
/** The plain text output parseShrinkerTrace reads. */
const TEXT_OPTIONS = { bin: '0', raw: '0', hex: '0', block: '0', 'context-info': '1', 'latency-format': '0' };
const BUFFER_KB = 4096; // per CPU: ~20k events, far more than reclaim passes of one recording

export interface ShrinkerCapture extends ShrinkerParse { readonly lost: number }

export class ShrinkerTrace {
  private readonly dir: string;

  private constructor(root: string, private readonly clock: string) {
    this.dir = path.join(root, 'instances', `${PREFIX}${process.pid}`);
  }

  /** Starts the instance, or returns why the tracepoints cannot be used (the recording goes on). */
  static start(clock: string, root = TRACEFS): ShrinkerTrace | string {
    const t = new ShrinkerTrace(root, clock);
    const events = path.join(root, 'events', 'vmscan');
    if (!fs.existsSync(path.join(events, EVENTS[0]))) return `no vmscan/${EVENTS[0]} tracepoint in ${root}`;
    try {
      t.setUp();
      return t;
    } catch (e) {
      t.abort();
      return `cannot trace shrinker runs: ${(e as Error).message}`;
    }
  }

  private setUp(): void {
    fs.mkdirSync(this.dir);
    const set = (name: string, v: string): void => fs.writeFileSync(path.join(this.dir, name), v);
    set('tracing_on', '0');
    set('trace_clock', this.clock);
    set('buffer_size_kb', String(BUFFER_KB));
    // a new instance copies the top instance's output flags, which the blk tracer has set to binary
    for (const [opt, v] of Object.entries(TEXT_OPTIONS)) set(path.join('options', opt), v);
    for (const e of EVENTS) set(path.join('events', 'vmscan', e, 'enable'), '1');
    set('tracing_on', '1');
  }

  /** Stops tracing, reads what was recorded and removes the instance. */
  stop(): ShrinkerCapture {
    try {
      fs.writeFileSync(path.join(this.dir, 'tracing_on'), '0');
      const parsed = parseShrinkerTrace(fs.readFileSync(path.join(this.dir, 'trace'), 'utf8'));
      return { ...parsed, lost: this.lost() };
    } finally {
      this.abort();
    }
  }

  private lost(): number {
    let n = 0;
    for (const cpu of fs.readdirSync(path.join(this.dir, 'per_cpu'))) {
      const stats = fs.readFileSync(path.join(this.dir, 'per_cpu', cpu, 'stats'), 'utf8');
      n += Number(/^overrun: (\d+)/m.exec(stats)?.[1] ?? 0) + Number(/^dropped events: (\d+)/m.exec(stats)?.[1] ?? 0);
    }
    return n;
  }

  /** Removes the instance (idempotent). */
  abort(): void {
    removeInstance(this.dir);
  }
}

function removeInstance(dir: string): void {
  try {
    fs.rmdirSync(dir); // tracefs removes an instance with everything in it
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** `record --cleanup`: instances left by recorders that no longer run. Returns the names removed. */
export function removeStaleShrinkerInstances(root = TRACEFS): string[] {
  const dir = path.join(root, 'instances');
  if (!fs.existsSync(dir)) return [];
  const stale = fs.readdirSync(dir).filter((n) => n.startsWith(PREFIX) && !alive(Number(n.slice(PREFIX.length))));
  for (const n of stale) removeInstance(path.join(dir, n));
  return stale;
}

