// failureOf: the exit status and the one line for each kind of error a command may throw.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT_BAD_INPUT, EXIT_BROKEN_PIPE, EXIT_INTERNAL, failureOf, userPath } from '../../src/cli/failure';
import { ZramError } from '../../src/errors';
import { BadInputError } from '../../src/replay/bad-input';
import { OutputsFormatError } from '../../src/replay/outputs';

const thrown = (f: () => unknown): unknown => { try { f(); } catch (e) { return e; } throw new Error('did not throw'); };
const nodeError = (code: string, syscall: string, p: string): Error =>
  Object.assign(new Error(`${code}: ${syscall} '${p}'`), { code, syscall, path: p });

describe('failureOf', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-failure-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('real fs errors name the path and the reason, exit 2', () => {
    const file = path.join(dir, 'f');
    fs.writeFileSync(file, '');
    expect(failureOf(thrown(() => fs.readFileSync(path.join(dir, 'nope'))))).toEqual(
      { code: EXIT_BAD_INPUT, line: `cannot open ${dir}/nope: no such file or directory` });
    expect(failureOf(thrown(() => fs.readFileSync(dir)))).toEqual({ code: EXIT_BAD_INPUT, line: 'cannot read: is a directory, expected a file' });
    expect(failureOf(thrown(() => fs.openSync(path.join(file, 'x'), 'w')))).toEqual(
      { code: EXIT_BAD_INPUT, line: `cannot open ${file}/x: a part of the path is not a directory` });
    expect(failureOf(thrown(() => fs.mkdirSync(dir)))).toEqual({ code: EXIT_BAD_INPUT, line: `cannot mkdir ${dir}: already exists` });
  });

  test.each([
    ['EACCES', 'permission denied'], ['EROFS', 'read-only file system'], ['ENOSPC', 'no space left on the device'],
    ['EPERM', 'operation not permitted'],
  ])('%s names the path (temp names as the user gave them)', (code, reason) => {
    expect(failureOf(nodeError(code, 'open', '/out/.r.jsonl.1234.tmp'))).toEqual({ code: EXIT_BAD_INPUT, line: `cannot open /out/r.jsonl: ${reason}` });
  });

  test('the project\'s bad-input errors keep their message, exit 2', () => {
    for (const e of [new BadInputError('--every \'x\': expected a whole number'), new OutputsFormatError('a.jsonl:3: not JSON'),
      new ZramError('EINVAL', 'mem_limit: not a size')]) {
      expect(failureOf(e)).toEqual({ code: EXIT_BAD_INPUT, line: e.message });
    }
    expect(failureOf(new BadInputError('two\n  lines'))).toEqual({ code: EXIT_BAD_INPUT, line: 'two; lines' });
  });

  test('EPIPE is quiet; anything else is internal', () => {
    expect(failureOf(nodeError('EPIPE', 'write', ''))).toEqual({ code: EXIT_BROKEN_PIPE, line: null });
    expect(failureOf(new RangeError('Invalid array length'))).toEqual(
      { code: EXIT_INTERNAL, line: 'internal error: Invalid array length (run with --debug for the stack)' });
    expect(failureOf(nodeError('EINVAL', 'read', '/x')).code).toBe(EXIT_INTERNAL);
  });

  test('userPath maps only the writer\'s temp names', () => {
    expect(userPath('/a/.b.jsonl.77.tmp')).toBe('/a/b.jsonl');
    expect(userPath('/a/.b.jsonl.77.k3x9qa.tmp')).toBe('/a/b.jsonl'); // src/io/output-file.ts's names
    expect(userPath('/a/.b.jsonl.tmp')).toBe('/a/.b.jsonl.tmp');
    expect(userPath('b.jsonl')).toBe('b.jsonl');
  });
});
