// Benchmark (not a test): 4 KiB O_DIRECT writes and reads per second on a private zram device
// through the Node-native driver (src/kernel KernelZram, and a worker_thread Submitter as
// `record` uses), against a bare fs.writeSync/readSync loop in this process and the JSON-lines
// Python co-process the project used before (tools/bench/coprocess-baseline.py), all in the
// same run on the same device. Targets: driver within 1.5x of the bare loop, >= 10x the
// co-process. Medians over --passes; each method starts from a freshly reset device.
// --content same (same-filled pages, which zram stores without compressing) isolates the cost
// per call; with text pages the kernel's lz4 work is part of every figure.
//   npm run bench -- driver-io            (root, zram)   [--pages N] [--passes N] [--content KIND]
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { generatePage } from '../../src/content';
import { kernelUnavailable } from '../../src/kernel/capability';
import { alignedBuffer, closeFd, openDirect } from '../../src/kernel/direct-io';
import { Submitter } from '../../src/kernel/submitter';
import { KernelZram } from '../../src/kernel/zram';

const str = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const arg = (name: string, dflt: string): number => Number(str(name, dflt));
const CONTENT = str('content', 'text');
const PAGE = 4096;
const now = (): bigint => process.hrtime.bigint();
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Method {
  readonly name: string;
  /** CPU µs (user + system) of helper processes so far; the co-process's own CPU time. */
  helperCpuUs?(): number;
  write(i: number): Promise<void> | void;
  read(i: number): Promise<void> | void;
  close?(): Promise<void> | void;
}

/** The co-process baseline: one request in flight at a time, as the old driver did. */
function coprocess(devPath: string, pages: Uint8Array[]): Method & { start(): Promise<void> } {
  let child: ChildProcess;
  const waiting: ((l: string) => void)[] = [];
  const call = (line: string): Promise<string> => new Promise((r) => { waiting.push(r); child.stdin!.write(line); });
  const b64 = pages.map((p) => Buffer.from(p).toString('base64'));
  return {
    name: 'python co-process (JSON lines, base64)',
    async start() {
      child = spawn('python3', [path.join(__dirname, '../../../tools/bench/coprocess-baseline.py'), devPath],
        { stdio: ['pipe', 'pipe', 'inherit'] });
      readline.createInterface({ input: child.stdout! }).on('line', (l) => waiting.shift()?.(l));
    },
    helperCpuUs() {
      const f = fs.readFileSync(`/proc/${child.pid}/stat`, 'latin1').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) * 10000; // utime + stime, 10 ms ticks
    },
    async write(i) { await call(`{"op":"pwrite","off":${i * PAGE},"data":"${b64[i]}"}\n`); },
    async read(i) { await call(`{"op":"pread","off":${i * PAGE},"len":${PAGE}}\n`); },
    async close() { child.stdin!.end(); await new Promise((r) => child.once('exit', r)); },
  };
}

/** Bare loop: every page already in one aligned buffer, one fs.writeSync/readSync per page. */
function bare(devPath: string, pages: Uint8Array[]): Method {
  const all = alignedBuffer(pages.length * PAGE);
  pages.forEach((p, i) => all.set(p, i * PAGE));
  const fd = openDirect(devPath);
  return {
    name: 'bare fs.writeSync/readSync loop',
    write(i) { fs.writeSync(fd, all, i * PAGE, PAGE, i * PAGE); },
    read(i) { fs.readSync(fd, all, i * PAGE, PAGE, i * PAGE); },
    close() { closeFd(fd); },
  };
}

/** Wall seconds and CPU seconds (this process, all its threads, plus any helper process). The
 * machine is shared, so CPU time (which includes the kernel's compression, as system time) is
 * the steadier figure; both are reported. */
async function timeLoop(n: number, m: Method, fn: (i: number) => Promise<void> | void): Promise<[number, number]> {
  const t0 = now();
  const c0 = process.cpuUsage();
  const h0 = m.helperCpuUs?.() ?? 0;
  for (let i = 0; i < n; i++) await fn(i);
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system + (m.helperCpuUs?.() ?? 0) - h0) / 1e6;
  return [Number(now() - t0) / 1e9, cpu];
}

type Rates = Map<string, Record<'w' | 'r' | 'wc' | 'rc', number[]>>;

async function main(): Promise<void> {
  const why = kernelUnavailable();
  if (why) { console.log(`driver-io: skipped (${why})`); return; }
  const n = arg('pages', '16384');
  const passes = arg('passes', '3');
  const coN = Math.min(n, arg('coprocess-pages', '4096'));
  const pages = Array.from({ length: n }, (_, i) => generatePage(CONTENT, 1, i));
  const dev = await KernelZram.create();
  const rates: Rates = new Map();
  try {
    for (let p = 0; p < passes; p++) {
      const makers: [string, number, () => Promise<Method>][] = [
        ['bare', n, async () => bare(dev.path, pages)],
        ['driver', n, async () => ({ name: 'driver: KernelZram write/read (awaited)',
          write: async (i: number) => { await dev.write(i * PAGE, pages[i]); },
          read: async (i: number) => { await dev.read(i * PAGE, PAGE); } })],
        ['submitter', n, async () => {
          const s = await Submitter.start(dev.path);
          return { name: 'driver: worker_thread Submitter (record)', close: () => s.stop(),
            write: async (i: number) => { await s.submit({ op: 'pwrite', off: i * PAGE, data: pages[i] }); },
            read: async (i: number) => { await s.submit({ op: 'pread', off: i * PAGE, len: PAGE }); } };
        }],
        ['coprocess', coN, async () => { const c = coprocess(dev.path, pages); await c.start(); return c; }],
      ];
      for (const [key, count, make] of makers) {
        await dev.store('reset', '1');
        await dev.store('comp_algorithm', 'lz4');
        await dev.store('disksize', `${Math.ceil((n * PAGE) / 2 ** 20)}M`);
        const m = await make();
        const [ws, wc] = await timeLoop(count, m, (i) => m.write(i));
        const [rs, rc] = await timeLoop(count, m, (i) => m.read(i));
        await m.close?.();
        const e = rates.get(key) ?? { w: [], r: [], wc: [], rc: [] };
        e.w.push(count / ws); e.r.push(count / rs); e.wc.push(count / wc); e.rc.push(count / rc);
        rates.set(key, e);
        if (p === 0) console.log(`  ${key}: ${m.name}`);
      }
    }
  } finally {
    await dev.dispose();
  }
  report(rates, n, passes);
}

function report(rates: Rates, n: number, passes: number): void {
  const get = (k: string, d: 'w' | 'r' | 'wc' | 'rc'): number => median(rates.get(k)![d]);
  console.log(`4 KiB O_DIRECT I/O on a private zram device (lz4, ${CONTENT} pages), ${n} pages, median of ${passes} passes`);
  console.log('  pages per wall second, and per CPU second (process + helper, user + system)');
  for (const [d, c, label] of [['w', 'wc', 'writes'], ['r', 'rc', 'reads']] as const) {
    for (const k of ['bare', 'driver', 'submitter', 'coprocess']) {
      const r = get(k, d);
      const rc = get(k, c);
      console.log(`  ${label.padEnd(6)} ${k.padEnd(10)} wall ${Math.round(r).toString().padStart(7)}/s ` +
        `(bare/this ${(get('bare', d) / r).toFixed(2)}x, this/co-process ${(r / get('coprocess', d)).toFixed(1)}x)  ` +
        `cpu ${Math.round(rc).toString().padStart(7)}/s (bare/this ${(get('bare', c) / rc).toFixed(2)}x, ` +
        `this/co-process ${(rc / get('coprocess', c)).toFixed(1)}x)`);
    }
  }
  console.log('targets: driver within 1.5x of bare (bare/this <= 1.5), driver >= 10x the co-process');
}

main().catch((e) => {
  process.stderr.write(`driver-io: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
