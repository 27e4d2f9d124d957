// LineFile: an outputs file whose first line (the header) is reserved and written after the
// lines that follow it, and whose lines are encoded straight into its buffer.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineFile } from '../../src/replay/line-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-line-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const leftovers = (): string[] => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('LineFile with its first line reserved', () => {
  it.each([[20_000, 'after several flushes'], [10, 'still in the buffer']])(
    'writes the first line over its placeholder, %i lines later (%s)', (n) => {
      const target = path.join(dir, `late-${n}.jsonl`);
      const f = new LineFile(target);
      f.reserveFirst('{"header":"sha256:0000"}\n');
      const body = Array.from({ length: n }, (_, i) => `{"line":${i},"pad":"${'x'.repeat(i % 40)}"}\n`);
      body.forEach((l) => f.write(l));
      f.writeFirst('{"header":"sha256:ab12"}\n');
      f.write('{"last":true}\n');
      f.commit();
      expect(fs.readFileSync(target, 'utf8')).toBe(['{"header":"sha256:ab12"}\n', ...body, '{"last":true}\n'].join(''));
      expect(leftovers()).toEqual([]);
    });

  it('keeps lines of any size and any characters, in order', () => {
    const target = path.join(dir, 'mixed.jsonl');
    const f = new LineFile(target);
    f.reserveFirst('{"header":"ñ-0"}\n');
    const lines = ['{"name":"zram-ref ✓ données"}\n', `{"big":"${'y'.repeat(300_000)}"}\n`, '{"emoji":"😀"}\n',
      ...Array.from({ length: 5000 }, (_, i) => `{"i":${i},"t":"é${'z'.repeat(i % 90)}"}\n`), `{"big2":"${'ü'.repeat(100_000)}"}\n`];
    lines.forEach((l) => f.write(l));
    f.writeFirst('{"header":"ñ-1"}\n');
    lines.forEach((l) => f.write(l));
    f.commit();
    expect(fs.readFileSync(target, 'utf8')).toBe(['{"header":"ñ-1"}\n', ...lines, ...lines].join(''));
  });

  it('a line of many-byte characters near the end of a full buffer is not cut', () => {
    const target = path.join(dir, 'edge.jsonl');
    const f = new LineFile(target);
    const ascii = `${'a'.repeat(999)}\n`;
    const lines = [...Array.from({ length: 261 }, () => ascii), `${'é'.repeat(700)}\n`, '{"after":1}\n'];
    lines.forEach((l) => f.write(l)); // 261,000 bytes, then 701 UTF-16 units that are 1,401 bytes
    f.commit();
    expect(fs.readFileSync(target, 'utf8')).toBe(lines.join(''));
  });

  it('refuses a first line of another length, a commit without it, and a reservation after lines', () => {
    const f = new LineFile(path.join(dir, 'never.jsonl'));
    f.reserveFirst('{"header":"0000"}\n');
    f.write('{"a":1}\n');
    expect(() => f.writeFirst('{"header":"00000"}\n')).toThrow(/19 bytes for 18 reserved/);
    expect(() => f.commit()).toThrow(/first line never came/);
    expect(() => f.reserveFirst('{"h":1}\n')).toThrow(/already written/);
    f.abort();
    expect(() => f.writeFirst('{"header":"1111"}\n')).not.toThrow(); // after abort: nothing, quietly
    expect(fs.existsSync(path.join(dir, 'never.jsonl'))).toBe(false);
    expect(leftovers()).toEqual([]);
  });
});

describe('LineFile.encode: lines written into the buffer by a function', () => {
  const put = (buf: Uint8Array, at: number, s: string): number => {
    if (s.startsWith('!')) return -1; // declines
    return at + Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).write(s, at, 'latin1');
  };

  it('interleaves with write(), flushes when the buffer is full, and a declined line writes nothing', () => {
    const target = path.join(dir, 'encoded.jsonl');
    const f = new LineFile(target);
    const want: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      const line = `{"n":${i},"p":"${'q'.repeat(i % 50)}"}\n`;
      if (i % 7 === 0) { f.write(line); want.push(line); continue; }
      expect(f.encode(line.length, put, line)).toBe(true);
      want.push(line);
      if (i % 11 === 0) expect(f.encode(10, put, '!declined\n')).toBe(false);
    }
    f.commit();
    expect(fs.readFileSync(target, 'latin1')).toBe(want.join(''));
  });

  it('declines a line longer than its buffer (the caller writes it as text)', () => {
    const f = new LineFile(path.join(dir, 'too-long.jsonl'));
    expect(f.encode(10 * 1024 * 1024, put, 'x\n')).toBe(false);
    f.write('x\n');
    f.commit();
    expect(fs.readFileSync(path.join(dir, 'too-long.jsonl'), 'utf8')).toBe('x\n');
  });
});
