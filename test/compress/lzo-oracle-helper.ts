// Runs test/compress/lzo-oracle.py (Debian liblzo2 through python3 ctypes) on a batch of inputs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LIBLZO2 = '/lib/x86_64-linux-gnu/liblzo2.so.2';
const SCRIPT = join(__dirname, 'lzo-oracle.py');

/** Why the oracle cannot run here, or null if it can. */
export function oracleUnavailable(): string | null {
  if (spawnSync('python3', ['--version']).status !== 0) return 'python3 is not installed';
  if (!existsSync(LIBLZO2)) return `${LIBLZO2} is not installed (apt-get install liblzo2-2; .ci/run does)`;
  return null;
}

function records(inputs: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  for (const b of inputs) {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(b.length);
    parts.push(len, Buffer.from(b.buffer, b.byteOffset, b.length));
  }
  return Buffer.concat(parts);
}

function run(mode: string, inputs: readonly Uint8Array[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'lzo-oracle-'));
  try {
    const file = join(dir, 'records.bin');
    writeFileSync(file, records(inputs));
    const out = execFileSync('python3', [SCRIPT, mode, file], { maxBuffer: 1 << 30, encoding: 'latin1' });
    const lines = out.split('\n');
    lines.pop();
    if (lines.length !== inputs.length) throw new Error(`oracle gave ${lines.length} lines for ${inputs.length} inputs`);
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** liblzo2 lzo1x_1_15_compress output for each input. */
export function liblzoCompress(inputs: readonly Uint8Array[]): Buffer[] {
  return run('compress', inputs).map((l) => {
    const [len, hex] = l.split(' ');
    const b = Buffer.from(hex ?? '', 'hex');
    if (b.length !== Number(len)) throw new Error('oracle line length mismatch');
    return b;
  });
}

/** liblzo2 lzo1x_decompress_safe: return code and output for each stream. */
export function liblzoDecompress(streams: readonly Uint8Array[]): { rc: number; out: Buffer }[] {
  return run('decompress', streams).map((l) => {
    const [rc, , hex] = l.split(' ');
    return { rc: Number(rc), out: Buffer.from(hex ?? '', 'hex') };
  });
}
