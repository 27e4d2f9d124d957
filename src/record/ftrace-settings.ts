// tracefs settings a blk capture changes, read and written as files. The order matters
// (blktrace.md §5.4 pitfall 2): writing options/blk_classic rewrites options/context-info, so
// blk_classic always goes first, on setup and on restore.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ringDataBytes, sameBufferSize } from './ftrace-ring';

export const TRACEFS = '/sys/kernel/tracing';

/** Setting files in the order they are written on setup; restore uses the same order. */
export const SETTING_ORDER = [
  'tracing_on', 'current_tracer', 'trace_clock', 'buffer_size_kb',
  'options/blk_classic', 'options/bin', 'options/context-info', 'options/overwrite',
] as const;
export type SettingName = (typeof SETTING_ORDER)[number];
export type Settings = Partial<Record<SettingName, string>>;

/** `trace_clock` lists all clocks with the current one in brackets. */
export function currentClock(text: string): string {
  const m = /\[([^\]]+)\]/.exec(text);
  return m ? m[1] : text.trim();
}

/** `buffer_size_kb` reads "7 (expanded: 1408)" before first use: the usable size is 1408. */
export function bufferSizeKb(text: string): string {
  const m = /expanded:\s*(\d+)/.exec(text);
  return m ? m[1] : text.trim();
}

export function readSetting(root: string, name: SettingName): string {
  const raw = fs.readFileSync(path.join(root, name), 'utf8');
  if (name === 'trace_clock') return currentClock(raw);
  if (name === 'buffer_size_kb') return bufferSizeKb(raw);
  return raw.trim();
}

export function writeSetting(root: string, name: string, value: string): void {
  fs.writeFileSync(path.join(root, name), `${value}\n`);
}

export function saveSettings(root: string): Settings {
  const s: Settings = {};
  for (const name of SETTING_ORDER) s[name] = readSetting(root, name);
  return s;
}

/** Whether the kernel holds the same setting for both values: buffer sizes are compared as the
 * per-CPU page count they allocate (the kernel rounds them, ftrace-ring.ts), the rest as text. */
export function sameSetting(name: SettingName, a: string, b: string, dataBytes: number): boolean {
  return name === 'buffer_size_kb' ? sameBufferSize(a, b, dataBytes) : a === b;
}

/** Names whose values differ between two snapshots, as the kernel can represent them. */
export function settingsDiffer(root: string, a: Settings, b: Settings): string[] {
  const data = ringDataBytes(root);
  return SETTING_ORDER.filter((n) => a[n] !== b[n] &&
    (a[n] === undefined || b[n] === undefined || !sameSetting(n, a[n]!, b[n]!, data)));
}

/** Writes back every saved value that differs, then reads it back to check it took;
 * tracing_on last so nothing is traced half-restored. Collects failures instead of stopping
 * at the first, so one bad file cannot strand the rest. */
export function restoreSettings(root: string, saved: Settings): string[] {
  const errors: string[] = [];
  const data = ringDataBytes(root);
  const put = (name: SettingName): void => {
    const v = saved[name];
    if (v === undefined) return;
    try {
      if (sameSetting(name, readSetting(root, name), v, data)) return;
      writeSetting(root, name, v);
      const now = readSetting(root, name);
      if (!sameSetting(name, now, v, data)) errors.push(`${name}=${v}: reads back ${now}`);
    } catch (e) {
      errors.push(`${name}=${v}: ${(e as Error).message}`);
    }
  };
  for (const name of SETTING_ORDER) if (name !== 'tracing_on') put(name);
  put('tracing_on');
  return errors;
}

/** Per-CPU ring buffer counters (per_cpu/cpuN/stats). */
export interface CpuBufferStats {
  readonly cpu: number;
  readonly entries: number;
  readonly overrun: number;
  readonly commitOverrun: number;
  readonly droppedEvents: number;
}

export function parseCpuStats(cpu: number, text: string): CpuBufferStats {
  const get = (key: string): number => {
    const m = new RegExp(`^${key}:\\s*(\\d+)`, 'm').exec(text);
    return m ? Number(m[1]) : 0;
  };
  return { cpu, entries: get('entries'), overrun: get('overrun'),
    commitOverrun: get('commit overrun'), droppedEvents: get('dropped events') };
}

export function listCpus(root: string): number[] {
  return fs.readdirSync(path.join(root, 'per_cpu'))
    .map((d) => /^cpu(\d+)$/.exec(d)).filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1])).sort((a, b) => a - b);
}

export function readCpuStats(root: string, cpu: number): CpuBufferStats {
  return parseCpuStats(cpu, fs.readFileSync(path.join(root, 'per_cpu', `cpu${cpu}`, 'stats'), 'utf8'));
}
