// The capture session on the real kernel (root, zram-control and tracefs needed; skipped
// elsewhere): records a small zram workload into blkparse-readable per-CPU files, restores every
// tracefs setting exactly, releases the lock, and cleans up after a failed start and a SIGTERM.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readMerged } from '../../src/blktrace/read';
import { FtraceBlkSession } from '../../src/record/ftrace-session';
import { saveSettings, TRACEFS } from '../../src/record/ftrace-settings';
import { TRACING_LOCK_DIR } from '../../src/record/ftrace-lock';
import { addZram, kernelCapable } from '../../tools/blktrace/private-devices';

// other processes may take the lock right after us: check only that we no longer hold it
function lockOwner(): number | null {
  try { return Number(fs.readFileSync(path.join(TRACING_LOCK_DIR, 'pid'), 'utf8')); } catch { return null; }
}

const why = kernelCapable() ?? (fs.existsSync(TRACEFS) ? null : `no ${TRACEFS}`);
const d = why ? describe.skip : describe;
if (why) it(`skipped: ${why}`, () => expect(why).not.toBeNull());

d('FtraceBlkSession (real kernel)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zr-sess-'));
  // the settings comparisons need tracefs readable between sessions: mount it for the test if
  // it is not, and put it back the way it was
  let mounted = false;
  beforeAll(() => {
    if (!fs.existsSync(path.join(TRACEFS, 'tracing_on'))) {
      execFileSync('mount', ['-t', 'tracefs', 'nodev', TRACEFS]);
      mounted = true;
    }
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (mounted) execFileSync('umount', [TRACEFS]);
  });

  it('captures Q/C for 8 O_DIRECT writes and restores all settings', () => {
    const before = saveSettings(TRACEFS);
    const dev = addZram('16M', 'lz4');
    try {
      const s = new FtraceBlkSession({ devices: [dev.name], outPrefix: path.join(tmp, 'cap'), bufferSizeKb: 1024 });
      s.start();
      expect(lockOwner()).toBe(process.pid);
      let res;
      try {
        execFileSync('dd', ['if=/dev/urandom', `of=${dev.path}`, 'bs=4k', 'count=8', 'oflag=direct', 'status=none']);
      } finally {
        res = s.stop();
      }
      expect(res).toMatchObject({ lost: 0, drained: true, restoreErrors: [] });
      expect([...res.comms.values()]).toContain('dd'); // the writer's name, for synthesized notes
      const { merged, stats } = readMerged(path.join(tmp, 'cap'));
      const [maj, min] = fs.readFileSync(`/sys/block/${dev.name}/dev`, 'utf8').trim().split(':').map(Number);
      const ours = merged.filter((m) => m.rec.device === ((maj << 20) | min));
      expect(ours.length).toBe(merged.length);
      const writesQ = ours.filter((m) => (m.rec.action & 0xffff) === 1 && (m.rec.action & 0x20000) !== 0);
      expect(writesQ.length).toBe(8);
      expect(stats.badMagic + stats.truncatedTail).toBe(0);
      for (const m of merged) expect(m.rec.cpu).toBe(m.streamCpu); // per_cpu pipes hold their CPU only
    } finally {
      dev.release();
    }
    expect(saveSettings(TRACEFS)).toEqual(before);
    expect(lockOwner()).not.toBe(process.pid);
  });

  it('a start that fails half-way (unknown device) restores everything and unlocks', () => {
    const before = saveSettings(TRACEFS);
    const s = new FtraceBlkSession({ devices: ['no-such-disk'], outPrefix: path.join(tmp, 'x') });
    expect(() => s.start()).toThrow();
    expect(s.cleanup()).toEqual([]);
    expect(saveSettings(TRACEFS)).toEqual(before);
    expect(lockOwner()).not.toBe(process.pid);
  });

  const dist = path.join(__dirname, '..', '..', 'dist', 'src', 'record', 'ftrace-session.js');
  (fs.existsSync(dist) ? it : it.skip)('SIGTERM during a capture restores the settings (child process)', async () => {
    const before = saveSettings(TRACEFS);
    const code = `const {FtraceBlkSession}=require(${JSON.stringify(dist)});
      const s=new FtraceBlkSession({devices:[],outPrefix:${JSON.stringify(path.join(tmp, 'sig'))}});
      s.start(); process.stdout.write('started\\n'); setInterval(()=>{},1000);`;
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((res) => child.stdout.on('data', (b: Buffer) => { if (b.toString().includes('started')) res(); }));
    expect(fs.readFileSync(path.join(TRACEFS, 'current_tracer'), 'utf8').trim()).toBe('blk');
    child.kill('SIGTERM');
    const sig = await new Promise<string | null>((res) => child.on('exit', (_c, s) => res(s)));
    expect(sig).toBe('SIGTERM');
    expect(saveSettings(TRACEFS)).toEqual(before);
    expect(lockOwner()).not.toBe(child.pid);
  });
});
