// The tracefs lock: atomic mkdir, pid file, stale-lock takeover, timeout naming the owner.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TracingLock, withTracingLock } from '../../src/record/ftrace-lock';
import { parseHeaderPageData, ringPages, sameBufferSize } from '../../src/record/ftrace-ring';
import { bufferSizeKb, currentClock, parseCpuStats, settingsDiffer } from '../../src/record/ftrace-settings';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'zr-lock-'));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));
let n = 0;
const dir = (): string => path.join(base, `lock${n++}`);

describe('TracingLock', () => {
  it('takes and releases the lock with our pid inside', () => {
    const d = dir();
    const l = new TracingLock(d);
    l.acquire(100);
    expect(fs.readFileSync(path.join(d, 'pid'), 'utf8').trim()).toBe(String(process.pid));
    l.release();
    l.release(); // idempotent
    expect(fs.existsSync(d)).toBe(false);
  });

  it('a second holder waits, then fails naming the owner', () => {
    const d = dir();
    const a = new TracingLock(d);
    a.acquire(100);
    const t0 = Date.now();
    expect(() => new TracingLock(d).acquire(300)).toThrow(new RegExp(`locked by pid ${process.pid}`));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    a.release();
  });

  it('takes over a lock whose owner is dead', () => {
    const d = dir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, 'pid'), `${dead}\n`);
    withTracingLock(() => expect(fs.readFileSync(path.join(d, 'pid'), 'utf8').trim()).toBe(String(process.pid)), { dir: d, timeoutMs: 100 });
    expect(fs.existsSync(d)).toBe(false);
  });

  it('takes over a lock left without a pid file for more than 5 s', () => {
    const d = dir();
    fs.mkdirSync(d);
    const old = new Date(Date.now() - 10_000);
    fs.utimesSync(d, old, old);
    withTracingLock(() => undefined, { dir: d, timeoutMs: 100 });
  });

  it('releases on exceptions thrown inside withTracingLock', () => {
    const d = dir();
    expect(() => withTracingLock(() => { throw new Error('boom'); }, { dir: d })).toThrow('boom');
    expect(fs.existsSync(d)).toBe(false);
  });
});

describe('tracefs setting parsers', () => {
  it('reads the bracketed clock and the expanded buffer size', () => {
    expect(currentClock('[local] global counter mono\n')).toBe('local');
    expect(currentClock('local global [mono] boot\n')).toBe('mono');
    expect(bufferSizeKb('7 (expanded: 1408)\n')).toBe('1408');
    expect(bufferSizeKb('1410\n')).toBe('1410');
  });
  it('parses per_cpu stats', () => {
    const s = parseCpuStats(1, 'entries: 3\noverrun: 4\ncommit overrun: 0\nbytes: 100\noldest event ts: 1.0\ndropped events: 9\n');
    expect(s).toEqual({ cpu: 1, entries: 3, overrun: 4, commitOverrun: 0, droppedEvents: 9 });
  });
});

describe('buffer_size_kb as the kernel stores it (per-CPU sub-buffers)', () => {
  const HEADER_PAGE = '\tfield: u64 timestamp;\toffset:0;\tsize:8;\tsigned:0;\n' +
    '\tfield: local_t commit;\toffset:8;\tsize:8;\tsigned:1;\n\tfield: char data;\toffset:16;\tsize:4080;\tsigned:0;\n';
  it('reads the data bytes per sub-buffer from events/header_page', () => {
    expect(parseHeaderPageData(HEADER_PAGE)).toBe(4080);
    expect(parseHeaderPageData('nothing here')).toBeNull();
  });
  it('1408 written reads back 1410 (354 pages of 4080 bytes): the same setting; 1024 is not', () => {
    expect(ringPages(1408, 4080)).toBe(354);
    expect((354 * 4080) >> 10).toBe(1410);
    expect(sameBufferSize('1408', '1410', 4080)).toBe(true);
    expect(sameBufferSize('1408', '1024', 4080)).toBe(false);
    expect(sameBufferSize('1410', '1414', 4080)).toBe(false); // 355 pages
    expect(sameBufferSize('1', '7', 4080)).toBe(true); // at least 2 pages either way
    expect(sameBufferSize('X', '1410', 4080)).toBe(false); // per-CPU sizes differ: not comparable
  });
  it('a snapshot comparison ignores the rounding but not a real difference', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zr-fake-tracefs-'));
    fs.mkdirSync(path.join(root, 'events'));
    fs.writeFileSync(path.join(root, 'events', 'header_page'), HEADER_PAGE);
    try {
      expect(settingsDiffer(root, { buffer_size_kb: '1408', trace_clock: 'local' }, { buffer_size_kb: '1410', trace_clock: 'local' })).toEqual([]);
      expect(settingsDiffer(root, { buffer_size_kb: '1408', trace_clock: 'local' }, { buffer_size_kb: '4', trace_clock: 'mono' }))
        .toEqual(['trace_clock', 'buffer_size_kb']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
