// Measures the driver's cost per page: `node dist/tools/kernel/bench-io.js` (root).
// Single-page bios show the per-call overhead (pipe + JSON + base64 + one pwrite);
// 256-page bios show the per-page cost when batching. CPU time (Node + co-process,
// user + system, which includes the kernel's compression) is reported next to wall time
// because wall time is meaningless on a loaded machine.
import * as fs from 'node:fs';
import { generatePage } from '../../src/content';
import { KernelZram } from './kernel-zram';

/** utime + stime of a process in microseconds (from /proc, clock ticks of 10 ms). */
function procCpuUs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10000;
}

let ioPid = 0;

async function timeIt(label: string, pages: number, fn: () => Promise<void>): Promise<void> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const p0 = procCpuUs(ioPid);
  await fn();
  const us = Number(process.hrtime.bigint() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const py = procCpuUs(ioPid) - p0;
  const per = (x: number) => (x / pages).toFixed(1);
  process.stdout.write(`${label}: wall ${per(us)} us/page, cpu node ${per(c.user + c.system)} + python ${per(py)} us/page (${pages} pages)\n`);
}

async function main(): Promise<void> {
  const dev = await KernelZram.create();
  try {
    ioPid = dev.ioPid;
    await dev.store('comp_algorithm', 'lz4');
    await dev.store('disksize', '64M');
    const pages = Array.from({ length: 256 }, (_, i) => generatePage('text', 1, i));
    const bio = new Uint8Array(256 * 4096);
    pages.forEach((p, i) => bio.set(p, i * 4096));
    const n = 4096;
    await timeIt('write, 1 page per bio', n, async () => {
      for (let i = 0; i < n; i++) await dev.write((i % 16384) * 4096, pages[i % 256]);
    });
    await timeIt('write, 256 pages per bio', n, async () => {
      for (let i = 0; i < n; i += 256) await dev.write(i * 4096, bio);
    });
    await timeIt('read, 1 page per bio', n, async () => {
      for (let i = 0; i < n; i++) await dev.read(i * 4096, 4096);
    });
    await timeIt('read, 256 pages per bio', n, async () => {
      for (let i = 0; i < n; i += 256) await dev.read(i * 4096, 256 * 4096);
    });
    await timeIt('show mm_stat', n, async () => {
      for (let i = 0; i < n; i++) dev.show('mm_stat');
    });
  } finally {
    await dev.dispose();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
