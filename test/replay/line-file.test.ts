// LineFile: an outputs file whose first line (the header) comes after the lines that follow it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineFile } from '../../src/replay/line-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-line-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const leftovers = (): string[] => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('LineFile with its first line later', () => {
  it('puts the first line before every line written earlier, across flushes', () => {
    const target = path.join(dir, 'late.jsonl');
    const f = new LineFile(target, true);
    const body = Array.from({ length: 20000 }, (_, i) => `{"line":${i},"pad":"${'x'.repeat(i % 40)}"}\n`);
    body.forEach((l) => f.write(l)); // over 256 KiB: flushed while waiting
    expect(fs.existsSync(target)).toBe(false);
    f.writeFirst('{"header":1}\n');
    f.write('{"last":true}\n');
    f.commit();
    expect(fs.readFileSync(target, 'utf8')).toBe(['{"header":1}\n', ...body, '{"last":true}\n'].join(''));
    expect(leftovers()).toEqual([]);
  });

  it('keeps lines of any size and any characters, in order', () => {
    const target = path.join(dir, 'mixed.jsonl');
    const f = new LineFile(target, true);
    const lines = ['{"name":"zram-ref ✓ données"}\n', `{"big":"${'y'.repeat(300_000)}"}\n`, '{"emoji":"😀"}\n',
      ...Array.from({ length: 5000 }, (_, i) => `{"i":${i},"t":"é${'z'.repeat(i % 90)}"}\n`), `{"big2":"${'ü'.repeat(100_000)}"}\n`];
    lines.forEach((l) => f.write(l));
    f.writeFirst('{"header":"ñ"}\n');
    lines.forEach((l) => f.write(l));
    f.commit();
    expect(fs.readFileSync(target, 'utf8')).toBe(['{"header":"ñ"}\n', ...lines, ...lines].join(''));
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

  it('refuses to commit without its first line, and a first line after abort writes nothing', () => {
    const target = path.join(dir, 'never.jsonl');
    const f = new LineFile(target, true);
    f.write('{"a":1}\n');
    expect(() => f.commit()).toThrow(/first line never came/);
    f.abort();
    expect(() => f.writeFirst('{"header":1}\n')).not.toThrow();
    expect(fs.existsSync(target)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('a file that awaits no first line refuses one', () => {
    const f = new LineFile(path.join(dir, 'plain.jsonl'));
    expect(() => f.writeFirst('{"header":1}\n')).toThrow(/not awaited/);
    f.abort();
  });
});
