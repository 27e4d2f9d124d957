// `zram-ref explore SCENARIO --kernel N [--seed S] [--timeout MS] [--json]`: the scenario run N
// times on a private zram device, each observed outcome held against claim's predictions.
// Exit 0: all observed outcomes predicted; 1: one was not, or the check stopped (a stuck call,
// a device that did not start as the explorer's init); 2: bad input or no device; 130: SIGINT.
import { randomInt } from 'node:crypto';
import type { Scenario } from '../explore/scenario';
import {
  checkAgainstKernel, findBlkdiscard, formatKernelCheck, kernelCheckJson, planScenario, sysfsLifecycle,
  type DeviceLifecycle,
} from '../explore/kernel';

export const MAX_KERNEL_RUNS = 1_000_000;

export interface KernelOpts { kernel: string; seed?: string; timeout?: string; json?: boolean }

const intIn = (text: string | undefined, min: number, max: number): number | null =>
  text !== undefined && /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : null;

export async function exploreKernel(file: string, sc: Scenario, opts: KernelOpts,
  lifecycle: DeviceLifecycle = sysfsLifecycle): Promise<number> {
  const fail = (msg: string): number => { process.stderr.write(`zram-ref explore: ${msg}\n`); return 2; };
  const runs = intIn(opts.kernel, 1, MAX_KERNEL_RUNS);
  if (runs === null) return fail(`--kernel takes a number of runs from 1 to ${MAX_KERNEL_RUNS}, got '${opts.kernel}'`);
  const seed = opts.seed === undefined ? randomInt(2 ** 31) : intIn(opts.seed, 0, 2 ** 32 - 1);
  if (seed === null) return fail(`--seed takes an integer from 0 to ${2 ** 32 - 1}, got '${opts.seed}'`);
  const timeoutMs = opts.timeout === undefined ? 10_000 : intIn(opts.timeout, 100, 600_000);
  if (timeoutMs === null) return fail(`--timeout takes milliseconds from 100 to 600000, got '${opts.timeout}'`);
  const blkdiscard = findBlkdiscard();
  const planned = planScenario(sc, blkdiscard !== null);
  if (!planned.ok) {
    return fail(`${file}: no 6.18 system-call form, so it cannot run on the kernel:\n` +
      planned.reasons.map((r) => `  ${r}`).join('\n'));
  }
  let dev;
  try { dev = lifecycle.create(); } catch (e) { return fail((e as Error).message); }
  let interrupted = false;
  const onInt = (): void => { interrupted = true; };
  process.on('SIGINT', onInt);
  const tty = process.stderr.isTTY === true && !opts.json;
  try {
    process.stderr.write(`zram-ref explore: ${sc.name} on zram${dev.id}, ${runs} run(s), seed ${seed}\n`);
    const ck = await checkAgainstKernel(sc, planned.plan, dev, {
      runs, seed, timeoutMs, blkdiscard: blkdiscard ?? 'blkdiscard', lifecycle,
      interrupted: () => interrupted,
      progress: (n) => { if (tty && (n % 50 === 0 || n === runs)) process.stderr.write(`\rrun ${n}/${runs}`); },
    });
    if (tty) process.stderr.write('\n');
    process.stdout.write(opts.json ? JSON.stringify(kernelCheckJson(ck), null, 2) + '\n' : formatKernelCheck(ck));
    if (ck.cleanup) process.stderr.write(`zram-ref explore: cleanup: ${ck.cleanup}\n`);
    if (interrupted) return 130;
    return ck.observed.some((o) => !o.predicted) || ck.stopped !== null || ck.cleanup !== null ? 1 : 0;
  } finally {
    process.off('SIGINT', onInt);
  }
}
