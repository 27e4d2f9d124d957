// Drives one swap workload process (src/kernel/native/swap_worker.c, built into
// build/native/swap_worker): map a region, fill pages with bytes we send, touch pages (a read
// fault swaps a swapped-out page in), MADV_DONTNEED ranges, exit. One command at a time.
import { ChildProcess, spawn } from 'node:child_process';
import { nativeBuildPath } from '../native-path';

const PAGE = 4096;
const FILL_PAGES = 256; // pages per fill command: bounded memory on our side

/** Where the built worker is. */
export const swapWorkerPath = (): string | null => nativeBuildPath('swap_worker');

export function swapWorkerUnavailable(): string | null {
  return swapWorkerPath() ? null : 'build/native/swap_worker is missing: run `npm run build` (needs cc)';
}

export class SwapWorker {
  private buf = '';
  private readonly waiting: ((line: string) => void)[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private dead: string | null = null;
  readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess, readonly pid: number) {
    child.stdout!.on('data', (d: Buffer) => this.onData(d.toString('latin1')));
    child.stdin!.on('error', () => { /* EPIPE: the exit handler reports it */ });
    this.exited = new Promise((resolve) => child.on('exit', (code, sig) => {
      this.dead = `swap worker ${pid} exited (${sig ?? `status ${code}`})`;
      for (const w of this.waiting.splice(0)) w(`err ${this.dead}`);
      resolve();
    }));
  }

  /** Starts a worker; it allocates nothing until told (so it can be moved into a cgroup first). */
  static start(): Promise<SwapWorker> {
    const bin = swapWorkerPath();
    if (!bin) return Promise.reject(new Error(swapWorkerUnavailable()!));
    const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    return new Promise((resolve, reject) => {
      child.on('error', (e) => reject(new Error(`swap worker: ${e.message}`)));
      const w = new SwapWorker(child, child.pid ?? -1);
      w.waiting.push((line) => (/^ready \d+$/.test(line) ? resolve(w) : reject(new Error(`swap worker: ${line}`))));
    });
  }

  get running(): boolean {
    return this.dead === null;
  }

  private onData(s: string): void {
    this.buf += s;
    for (let nl = this.buf.indexOf('\n'); nl >= 0; nl = this.buf.indexOf('\n')) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      this.waiting.shift()?.(line);
    }
  }

  private async send(chunks: Buffer[]): Promise<string> {
    if (this.dead) throw new Error(this.dead);
    const reply = new Promise<string>((r) => this.waiting.push(r));
    for (const c of chunks) {
      if (!this.child.stdin!.write(c)) await new Promise((r) => this.child.stdin!.once('drain', r));
    }
    const line = await reply;
    if (!line.startsWith('ok')) throw new Error(`swap worker ${this.pid}: ${line.replace(/^err /, '')}`);
    return line.slice(3);
  }

  /** Commands are serialised: one reply per command, in order. */
  private command(chunks: Buffer[]): Promise<string> {
    const p = this.chain.then(() => this.send(chunks));
    this.chain = p.catch(() => undefined);
    return p;
  }

  /** Maps `pages` private anonymous pages (no THP); returns the address. */
  async map(pages: number): Promise<number> {
    return parseInt(await this.command([Buffer.from(`M ${pages}\n`)]), 16);
  }

  /** Writes the given pages from `addr` on (each exactly 4096 bytes). */
  async fill(addr: number, pages: readonly Uint8Array[]): Promise<void> {
    for (let i = 0; i < pages.length; i += FILL_PAGES) {
      const part = pages.slice(i, i + FILL_PAGES);
      if (part.some((p) => p.length !== PAGE)) throw new Error('fill: pages must be 4096 bytes');
      const head = Buffer.from(`F ${(addr + i * PAGE).toString(16)} ${part.length}\n`);
      await this.command([head, ...part.map((p) => Buffer.from(p))]);
    }
  }

  /** Reads one byte at each address, in the order given; returns the sum of the bytes. */
  async touch(addrs: readonly number[]): Promise<number> {
    const b = Buffer.alloc(addrs.length * 8);
    addrs.forEach((a, i) => b.writeBigUInt64LE(BigInt(a), i * 8));
    return Number(await this.command([Buffer.from(`T ${addrs.length}\n`), b]));
  }

  /** MADV_DONTNEED on each range, in the order given. */
  async dontneed(ranges: readonly { addr: number; len: number }[]): Promise<void> {
    const b = Buffer.alloc(ranges.length * 16);
    ranges.forEach((r, i) => {
      b.writeBigUInt64LE(BigInt(r.addr), i * 16);
      b.writeBigUInt64LE(BigInt(r.len), i * 16 + 8);
    });
    await this.command([Buffer.from(`D ${ranges.length}\n`), b]);
  }

  /** Asks the worker to exit and waits until it has (its exit has unmapped everything by then). */
  async quit(): Promise<void> {
    if (this.dead) return;
    this.child.stdin!.write('Q\n');
    await this.exited;
  }

  kill(): void {
    if (this.dead) return;
    try { this.child.kill('SIGKILL'); } catch { /* gone */ }
  }
}
