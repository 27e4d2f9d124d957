// Writer: decode -> encode is byte-identical on every real trace; per-CPU split and trimming;
// the written files are read by Debian blkparse, btt and fio when they are installed.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeAll } from '../../src/blktrace/decode';
import { readMerged } from '../../src/blktrace/read';
import { encodeRecords, splitByCpu, trimByTime } from '../../src/blktrace/write';
import { writeCpuFiles, writeSingleFile } from '../../src/blktrace/write-files';
import { cpuFiles, REAL_TRACES, traceDirs } from './helpers';
import { missingTool, testUnless } from '../helpers/skip';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zr-write-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('write', () => {
  it.each(traceDirs(REAL_TRACES).map((t) => [t.name, t] as const))('%s: decode -> write is byte-identical', (_n, t) => {
    for (const f of cpuFiles(t)) {
      const b = new Uint8Array(fs.readFileSync(f));
      expect(Buffer.from(encodeRecords(decodeAll(b).records)).equals(Buffer.from(b))).toBe(true);
    }
  });

  it('a big-endian write decodes back losslessly', () => {
    const t = traceDirs(REAL_TRACES).find((x) => x.name === 'loop-partition')!;
    const rs = decodeAll(new Uint8Array(fs.readFileSync(cpuFiles(t)[0]))).records;
    const back = decodeAll(encodeRecords(rs, { littleEndian: false })).records;
    expect(back.map(({ offset: _o, ...r }) => r)).toEqual(rs.map(({ offset: _o, ...r }) => r));
  });

  it('splits by cpu and writes per-CPU files blkparse numbering accepts (empty ones included)', () => {
    const { merged } = readMerged(path.join(REAL_TRACES, 'zram-seqwrite', 'zram-seqwrite'));
    const rs = merged.map((m) => ({ ...m.rec, cpu: 1 }));
    expect([...splitByCpu(rs).keys()]).toEqual([1]);
    const files = writeCpuFiles(path.join(tmp, 'moved'), rs);
    expect(files.map((f) => fs.statSync(f).size)).toEqual([0, rs.length * 48]);
  });

  it('trims by time and keeps notes', () => {
    const { merged } = readMerged(path.join(REAL_TRACES, 'zram-randrw-2cpu', 'zram-randrw-2cpu'));
    const rs = merged.map((m) => m.rec);
    const from = rs[10].time;
    const to = rs[20].time;
    const kept = trimByTime(rs, from, to);
    expect(kept.length).toBe(rs.filter((r) => r.time >= from && r.time < to).length);
    expect(kept.every((r) => r.time >= from && r.time < to)).toBe(true);
  });

  testUnless(missingTool('blkparse', 'apt-get install blktrace; .ci/run does'), 'blkparse reads a filtered, rewritten trace (writes only)', () => {
    const { merged } = readMerged(path.join(REAL_TRACES, 'zram-randrw-2cpu', 'zram-randrw-2cpu'));
    const writes = merged.map((m) => m.rec).filter((r) => (r.action & 0x20000) !== 0);
    writeCpuFiles(path.join(tmp, 'w'), writes);
    const out = execFileSync('blkparse', ['-i', 'w'], { cwd: tmp, encoding: 'utf8' });
    expect(out).toMatch(new RegExp(`Events \\(w\\): ${writes.length} entries`));
  });

  testUnless(missingTool('btt', 'apt-get install blktrace; .ci/run does'), 'btt reads a merged single file', () => {
    const { merged } = readMerged(path.join(REAL_TRACES, 'zram-randrw-2cpu', 'zram-randrw-2cpu'));
    writeSingleFile(path.join(tmp, 'm.bin'), merged.map((m) => m.rec));
    const out = execFileSync('btt', ['-i', 'm.bin'], { cwd: tmp, encoding: 'utf8' });
    expect(out).toMatch(/Q2C\w*\s+\d+\.\d+\s+\d+\.\d+\s+\d+\.\d+\s+128/);
  });

  testUnless(missingTool('fio', 'apt-get install fio; .ci/run does'), 'fio read_iolog accepts the written file and counts its I/Os', () => {
    const { merged } = readMerged(path.join(REAL_TRACES, 'zram-randrw-2cpu', 'zram-randrw-2cpu'));
    const rs = merged.map((m) => m.rec);
    writeSingleFile(path.join(tmp, 'fio.bin'), rs);
    // replay onto a regular file (never a device): fio maps every record there
    const target = path.join(tmp, 'target');
    fs.writeFileSync(target, Buffer.alloc(16 << 20));
    const out = execFileSync('fio', ['--name=r', `--read_iolog=${path.join(tmp, 'fio.bin')}`, `--replay_redirect=${target}`,
      '--replay_no_stall=1', '--ioengine=psync', '--output-format=json'], { cwd: tmp, encoding: 'utf8' });
    const j = JSON.parse(out.slice(out.indexOf('{')));
    const q = rs.filter((r) => (r.action & 0xffff) === 1);
    const qw = q.filter((r) => (r.action & 0x20000) !== 0).length;
    expect(j.jobs[0].write.total_ios).toBe(qw);
    expect(j.jobs[0].read.total_ios).toBe(q.length - qw);
  });
});
