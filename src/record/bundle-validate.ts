// What a bundle may make the reader open and hold. Every name a bundle gives (its manifest's
// trace name and files) must stay inside the bundle directory; every file must be a regular
// file (a FIFO or a link to /dev/zero is refused, not read); and every size is bounded by what
// the manifest declares (distinct pages, image pages, disksize), so a gzip bomb or a padded
// listing stops with a message instead of exhausting memory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findCpuFiles } from '../blktrace/cpu-files';
import { BUNDLE_TEXT_MAX_BYTES, gzipMaxBytes, MANIFEST_MAX_BYTES } from '../input/limits';
import { checkRegular, readRegular } from '../input/read-bounded';
import { BadInputError } from '../replay/bad-input';
import { PAGE_SIZE } from '../units';
import type { BundleManifest } from './manifest';

/** Hex digest line of pages.sha256: 64 digits and a newline. */
const SHA_LINE = 65;

/** `dir/name` where `name` is one plain file name that resolves inside `dir`. */
export function bundlePath(dir: string, name: unknown, what: string): string {
  if (typeof name !== 'string' || name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    const where = path.join(dir, 'manifest.json');
    throw new BadInputError(`${where}: ${what} ${JSON.stringify(name)} is not a plain file name in the bundle`);
  }
  const p = path.join(dir, name);
  let real: string;
  try { real = fs.realpathSync(p); } catch { return p; } // missing: the open reports it
  const root = fs.realpathSync(dir);
  if (path.dirname(real) !== root) throw new BadInputError(`${p}: links outside the bundle directory (to ${real})`);
  return p;
}

/** The manifest as JSON, read with a size limit; empty or unparsable is an error, never "no bundle". */
export function readManifestJson(dir: string): unknown {
  const file = path.join(dir, 'manifest.json');
  const text = readRegular(file, MANIFEST_MAX_BYTES).toString('utf8');
  if (text.trim() === '') throw new BadInputError(`${file}: empty (an interrupted recording?): not a usable bundle`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BadInputError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The fields the reader relies on, with their types; a missing one is named, not a TypeError later. */
export function checkManifestShape(dir: string, v: unknown): BundleManifest {
  const file = path.join(dir, 'manifest.json');
  const bad = (field: string, want: string): never => { throw new BadInputError(`${file}: ${field} must be ${want}`); };
  if (v === null || typeof v !== 'object' || Array.isArray(v)) bad('the top level', 'a JSON object');
  const m = v as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (typeof m.capture !== 'object' || m.capture === null) bad('capture', 'an object');
  if (typeof m.contents !== 'object' || m.contents === null) bad('contents', 'an object');
  if (typeof m.device !== 'object' || m.device === null) bad('device', 'an object');
  if (!isCount(m.device.disksize) || m.device.disksize === 0) bad('device.disksize', 'a whole number of bytes > 0');
  if (m.pageSize !== PAGE_SIZE) bad('pageSize', `${PAGE_SIZE}`);
  if (!['exact', 'approximate', 'captured', 'none'].includes(m.contents.mode)) bad('contents.mode', 'exact, approximate, captured or none');
  if (!isCount(m.contents.distinctPages)) bad('contents.distinctPages', 'a whole number');
  if (m.contents.imagePages !== null && m.contents.imagePages !== undefined && !isCount(m.contents.imagePages)) {
    bad('contents.imagePages', 'a whole number or null');
  }
  bundlePath(dir, m.capture.traceName, 'capture.traceName');
  if (!Array.isArray(m.capture.traceFiles)) bad('capture.traceFiles', 'a list of file names');
  for (const f of m.capture.traceFiles as unknown[]) bundlePath(dir, f, 'capture.traceFiles entry');
  return m as BundleManifest;
}

/** The trace files of the bundle, each checked to be a regular file inside the bundle. */
export function checkTraceFiles(dir: string, m: BundleManifest): string {
  const name = bundlePath(dir, m.capture.traceName, 'capture.traceName');
  for (const f of findCpuFiles(name).files) checkRegular(bundlePath(dir, path.basename(f.path), 'trace file'));
  return name;
}

/** The largest size each bundle file may have, from what the manifest declares. */
export function bundleFileLimit(m: BundleManifest, name: string): number {
  const diskPages = Math.ceil(m.device.disksize / PAGE_SIZE);
  switch (name) {
    case 'pages.sha256': return m.contents.distinctPages * SHA_LINE;
    case 'pages.bin.gz': return gzipMaxBytes(m.contents.distinctPages * PAGE_SIZE);
    case 'image.bin.gz': return gzipMaxBytes((m.contents.imagePages ?? diskPages) * PAGE_SIZE);
    default: return BUNDLE_TEXT_MAX_BYTES;
  }
}

/** A bundle file, checked and read with its limit. */
export function readBundleFile(dir: string, m: BundleManifest, name: string): Buffer {
  return readRegular(bundlePath(dir, name, 'file'), bundleFileLimit(m, name));
}
