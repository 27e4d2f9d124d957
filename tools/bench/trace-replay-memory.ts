// Benchmark (not a test): peak RSS of `zram-ref replay` on bare blktrace traces of growing length
// over the same address range (4 KiB writes and reads over 64 MiB, synthetic contents). Streaming
// ingest should keep memory bounded by the device state, whatever the trace length.
// Run: npm run bench -- trace-replay-memory [--bios 100000,1000000]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BLK_TA, BLK_TC, tcAct, type BlkRecord } from '../../src/blktrace/record';
import { encodeRecordInto, encodedSize } from '../../src/blktrace/write';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};

function record(time: bigint, sector: bigint, write: boolean, code: number): BlkRecord {
  const cat = tcAct(write ? BLK_TC.WRITE : BLK_TC.READ) | tcAct(BLK_TC.SYNC) |
    tcAct(code === BLK_TA.QUEUE ? BLK_TC.QUEUE : BLK_TC.COMPLETE);
  return { version: 7, sequence: 0, time, sector, bytes: 4096, action: (cat | code) >>> 0, actionHigh: 0, pid: 1,
    device: (253 << 20) | 7, cpu: 0, error: 0, pdu: new Uint8Array(0), offset: 0 };
}

/** NAME.blktrace.0 with `bios` Q/C pairs: 70% writes, 30% reads, pages drawn from 16384. */
function writeTrace(name: string, bios: number): void {
  const fd = fs.openSync(`${name}.blktrace.0`, 'w');
  const buf = new Uint8Array(1 << 20);
  let off = 0;
  let x = 12345;
  const put = (r: BlkRecord) => {
    if (off + encodedSize(r) > buf.length) { fs.writeSync(fd, buf, 0, off); off = 0; }
    off = encodeRecordInto(r, buf, off);
  };
  for (let i = 0; i < bios; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const sector = BigInt((x >>> 8) % 16384) * 8n;
    const write = (x & 0xff) < 180;
    put(record(BigInt(i) * 10_000n, sector, write, BLK_TA.QUEUE));
    put(record(BigInt(i) * 10_000n + 5_000n, sector, write, BLK_TA.COMPLETE));
  }
  fs.writeSync(fd, buf, 0, off);
  fs.closeSync(fd);
}

function main(): void {
  const counts = arg('bios', '100000,1000000').split(',').map(Number);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-trace-mem-'));
  const cli = path.join(__dirname, '..', '..', 'src', 'cli', 'main.js');
  try {
    for (const bios of counts) {
      const name = path.join(dir, `t${bios}`);
      writeTrace(name, bios);
      const script = `require(${JSON.stringify(cli)}).main(['node','zram-ref','replay',${JSON.stringify(name)},'--content',` +
        `'synthetic:text:0.5,zeros:0.3,random:0.2','-o',${JSON.stringify(name + '.out')},'--every','0','--json'])` +
        `.then((c)=>{process.stderr.write('maxrss '+process.resourceUsage().maxRSS+'\\n');process.exitCode=c;})`;
      const t0 = Date.now();
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const rss = /maxrss (\d+)/.exec(r.stderr)?.[1];
      if (r.status !== 0 || !rss) throw new Error(`replay of ${bios} bios failed: ${r.stderr.slice(0, 500)}`);
      console.log(`${String(bios).padStart(8)} bios (${(fs.statSync(`${name}.blktrace.0`).size / 2 ** 20).toFixed(0)} MiB trace): ` +
        `peak RSS ${(Number(rss) / 1024).toFixed(0)} MiB, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      fs.rmSync(`${name}.blktrace.0`);
      fs.rmSync(`${name}.out`, { force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
