// Synthesized notes: PROCESS notes make blkparse (ours, and Debian's when installed) print names.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBlkparse } from '../../src/blktrace/blkparse-run';
import { processNote, processNotesFor } from '../../src/blktrace/notes';
import { readMerged } from '../../src/blktrace/read';
import { writeCpuFiles } from '../../src/blktrace/write-files';
import { REAL_TRACES } from './helpers';

it('PROCESS notes added per CPU replace (null) by the command name', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zr-notes-'));
  try {
    const rs = readMerged(path.join(REAL_TRACES, 'zram-randrw-2cpu', 'zram-randrw-2cpu')).merged.map((m) => m.rec);
    const pids = [...new Set(rs.filter((r) => (r.action & 0xffff) === 1).map((r) => r.pid))];
    const comms = new Map(pids.map((p, i) => [p, `fio-job${i}`]));
    const notes = processNotesFor(rs, comms);
    expect(notes.length).toBeGreaterThanOrEqual(pids.length);
    const byCpu = (cpu: number) => [...notes.filter((n) => n.cpu === cpu), ...rs.filter((r) => r.cpu === cpu)];
    writeCpuFiles(path.join(tmp, 't'), [...byCpu(0), ...byCpu(1)]);
    let out = '';
    const cwd = process.cwd();
    process.chdir(tmp);
    try { runBlkparse({ inputs: ['t'] }, (s) => { out += s; }, () => undefined); } finally { process.chdir(cwd); }
    expect(out).not.toMatch(/\(null\)/);
    expect(out).toMatch(/ Q +[RW]S \d+ \+ 8 \[fio-job[01]\]\n/);
    if (fs.existsSync('/usr/bin/blkparse')) expect(out).toBe(execFileSync('blkparse', ['-i', 't'], { cwd: tmp, encoding: 'latin1' }));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

it('comm is cut to 15 bytes and NUL-terminated (TASK_COMM_LEN 16)', () => {
  const n = processNote(1, 'a-very-long-command-name', 0, 0n, 0);
  expect(n.pdu.length).toBe(16);
  expect(Buffer.from(n.pdu).toString('latin1')).toBe('a-very-long-com\0');
});
