// One error path for every command: whatever a command throws becomes at most one line on
// stderr and an exit status, never a stack trace unless --debug is given.
//   2   the input, a path or an option is wrong (the line names it and what was expected)
//   141 stdout was closed by its reader (EPIPE): quiet, the status a shell reports for a tool
//       killed by SIGPIPE, as `cmp`, `sort`, `blkparse` end in `... | head -1`
//   70  anything else is a bug in zram-ref (EX_SOFTWARE, sysexits.h): kept apart from 1 (a
//       difference, which `diff` and `demo` scripts test for) and from 2 (fix your input)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ZramError } from '../errors';
import { BadInputError } from '../replay/bad-input';
import { OutputsFormatError } from '../replay/outputs';

export const EXIT_BAD_INPUT = 2;
export const EXIT_BROKEN_PIPE = 141;
export const EXIT_INTERNAL = 70;

export interface Failure { readonly code: number; readonly line: string | null }

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory, expected a file',
  ENOTDIR: 'a part of the path is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'already exists',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'name too long',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  EBUSY: 'device or resource busy',
  EMFILE: 'too many open files',
};

type NodeFsError = Error & { code: string; path?: string; dest?: string; syscall?: string };

// duck-typed: errors from node's fs are not always `instanceof Error` of this realm (jest)
const isFsError = (e: unknown): e is NodeFsError => {
  const code = (e as NodeFsError | null)?.code;
  return typeof code === 'string' && code in FS_REASONS;
};

/** Outputs are written to `.NAME.PID[.TAG].tmp` beside NAME and renamed: name the file the user gave. */
export function userPath(p: string): string {
  const m = /^\.(.+)\.\d+(?:\.[a-z0-9]+)?\.tmp$/.exec(path.basename(p));
  return m ? path.join(path.dirname(p), m[1]) : p;
}

/** A Node fs error as one line naming the path: "cannot open /x/y: directory /x does not exist". */
export function fsErrorLine(e: NodeFsError): string {
  const p = userPath(e.path ?? e.dest ?? '');
  const what = [e.syscall ? `cannot ${e.syscall}` : '', p].filter((x) => x !== '').join(' ') || 'file system error';
  if (e.code === 'ENOENT' && p !== '' && !fs.existsSync(path.dirname(path.resolve(p)))) {
    return `${what}: directory ${path.dirname(p)} does not exist`;
  }
  return `${what}: ${FS_REASONS[e.code]}`;
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, '; ');

/** What the CLI prints and returns for an error a command did not handle itself. */
export function failureOf(e: unknown): Failure {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'EPIPE') return { code: EXIT_BROKEN_PIPE, line: null };
  if (e instanceof BadInputError || e instanceof OutputsFormatError || e instanceof ZramError) {
    return { code: EXIT_BAD_INPUT, line: oneLine(e.message) };
  }
  if (isFsError(e)) return { code: EXIT_BAD_INPUT, line: fsErrorLine(e) };
  const msg = typeof (e as Error | null)?.message === 'string' ? (e as Error).message : String(e);
  return { code: EXIT_INTERNAL, line: `internal error: ${oneLine(msg)} (run with --debug for the stack)` };
}
