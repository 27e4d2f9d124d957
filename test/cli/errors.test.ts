// The one error path (issue 9 part 5), through the real CLI in child processes: every failure is
// one line on stderr naming the file or option, exit 2 for bad input, no stack trace; a reader
// that closes stdout early ends the run quietly.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT_BROKEN_PIPE } from '../../src/cli/failure';
import { runCli } from '../replay/cli-harness';
import { testUnless } from '../helpers/skip';
import { REPO, spawnCli, spawnCliClosedStdout, type SpawnRun } from './spawn-cli';

const BUNDLE = path.join(REPO, 'traces/bundles/seqwrite');
const TRACE = path.join(REPO, 'traces/zram-seqwrite/zram-seqwrite');
let dir: string;

beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-cli-errors-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Exit 2 and exactly one stderr line, that line matching `line`; no stack frames. */
function expectOneLine(r: SpawnRun, line: RegExp): void {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(line) });
  expect(r.stderr.split('\n')).toHaveLength(2);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('one-line errors, exit 2', () => {
  test('an input that does not exist', () => {
    expectOneLine(spawnCli(['diff', '/nonexistent/a.jsonl', '/nonexistent/b.jsonl']), /^zram-ref diff: \/nonexistent\/a\.jsonl: .*no such file/);
  });

  test('a directory where an outputs file is expected', () => {
    expectOneLine(spawnCli(['diff', dir, dir]), new RegExp(`^zram-ref diff: ${dir}: is a directory, expected an outputs file\\n$`));
  });

  test('-o into a missing directory names the output and the directory', () => {
    const out = path.join(dir, 'missing', 'x.jsonl');
    expectOneLine(spawnCli(['replay', BUNDLE, '-o', out]), new RegExp(`^zram-ref replay: .*${out}: directory ${path.dirname(out)} does not exist`));
    expect(fs.existsSync(path.dirname(out))).toBe(false);
  });

  test('-o below a file that is not a directory', () => {
    const file = path.join(dir, 'plain');
    fs.writeFileSync(file, '');
    expectOneLine(spawnCli(['replay', BUNDLE, '-o', path.join(file, 'x.jsonl')]),
      new RegExp(`^zram-ref replay: .*${file}/x\\.jsonl: .*(not a directory|does not exist)`));
  });

  test('--html into a missing directory', () => {
    const html = path.join(dir, 'nodir', 'r.html');
    expectOneLine(spawnCli(['replay', BUNDLE, '--html', html]), new RegExp(`^zram-ref replay: .*${html}: directory .* does not exist`));
  });

  test('--content image:/nonexistent names the image', () => {
    expectOneLine(spawnCli(['replay', TRACE, '--content', 'image:/nonexistent/image.bin']), /^zram-ref replay: .*\/nonexistent\/image\.bin/);
  });

  test('blkparse -d into a missing directory', () => {
    const dump = path.join(dir, 'nodir', 'x.bin');
    expectOneLine(spawnCli(['blkparse', '-i', TRACE, '-d', dump]), new RegExp(`^zram-ref blkparse: .*${dump}: directory .* does not exist`));
  });

  testUnless(process.getuid?.() === 0 ? null : 'mounting a private read-only tmpfs needs root',
    '-o into a read-only file system (a private read-only tmpfs)', () => {
    const ro = path.join(dir, 'ro');
    fs.mkdirSync(ro);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'zram-ref-test', ro]);
    try {
      expectOneLine(spawnCli(['replay', BUNDLE, '-o', path.join(ro, 'x.jsonl')]),
        new RegExp(`^zram-ref replay: .*${ro}/x\\.jsonl: read-only file system`));
    } finally {
      execFileSync('umount', [ro]);
    }
  });

  test('an unknown option is commander\'s one line plus the hint', () => {
    const r = spawnCli(['diff', '--nope', 'a', 'b']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "error: unknown option '--nope'\n(run with --help for usage)\n" });
  });
});

describe('internal messages never pass for input errors', () => {
  // A manifest without its capture section: bad input (exit 2) where the bundle reader checks
  // the manifest; until then a bug, which must say so (exit 70) rather than leak as an input error.
  test.each([['replay'], ['record', '--check']])('%s %s on a manifest without capture', (...cmd: string[]) => {
    const b = path.join(dir, `no-capture-${cmd[0]}`);
    fs.cpSync(BUNDLE, b, { recursive: true });
    const m = JSON.parse(fs.readFileSync(path.join(b, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    delete m.capture;
    fs.writeFileSync(path.join(b, 'manifest.json'), JSON.stringify(m));
    const r = spawnCli([...cmd, b]);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    if (/Cannot read properties/.test(r.stderr)) {
      expect(r).toEqual({ code: 70, stdout: '', stderr: expect.stringMatching(/^zram-ref \w+: internal error: .*\(run with --debug for the stack\)\n$/) });
    } else {
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: expect.stringContaining(b) });
    }
  });
});

describe('EPIPE', () => {
  test('diff A B | head -1: the reader has gone; quiet exit, no stack', async () => {
    const [a, b] = [path.join(dir, 'a.jsonl'), path.join(dir, 'b.jsonl')];
    expect((await runCli(['replay', BUNDLE, '-o', a, '--every', '10'])).code).toBe(0);
    const lines = fs.readFileSync(a, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.startsWith('{"bio":'));
    lines[i] = lines[i].replace(/"sector":(\d+)/, (_, n: string) => `"sector":${Number(n) + 8}`);
    fs.writeFileSync(b, lines.join('\n'));
    expect(spawnCli(['diff', a, b]).code).toBe(1); // they do differ: the run would print lines
    const r = await spawnCliClosedStdout(['diff', a, b]);
    expect(r).toEqual({ code: EXIT_BROKEN_PIPE, stdout: '', stderr: '' });
  });
});
