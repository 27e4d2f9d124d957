// The Node side of tools/kernel/zramio.py: one persistent python3 process per device,
// JSON lines over stdin/stdout, replies matched to requests in order.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Errno, ZramError } from '../../src/errors';

export type IoRequest =
  | { op: 'open' }
  | { op: 'close'; fd: number }
  | { op: 'pwrite'; fd: number; off: number; data: string }
  | { op: 'pread'; fd: number; off: number; len: number }
  | { op: 'discard' | 'zeroout'; fd: number; off: number; len: number }
  | { op: 'quit' };

export interface IoReply {
  ok: boolean;
  errno?: string;
  msg?: string;
  fd?: number;
  n?: number;
  data?: string;
}

/** zramio.py lives next to this file in the source tree; from dist/ it is found in tools/. */
export function zramioPath(): string {
  const candidates = [
    path.join(__dirname, 'zramio.py'),
    path.resolve(__dirname, '../../../tools/kernel/zramio.py'),
  ];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`zramio.py not found (looked at ${candidates.join(', ')})`);
  return found;
}

/** JSON text of a request; a pwrite's base64 is spliced in rather than rescanned by JSON.stringify. */
function requestLine(req: IoRequest): string {
  if (req.op !== 'pwrite') return JSON.stringify(req) + '\n';
  return `{"op":"pwrite","fd":${req.fd},"off":${req.off},"data":"${req.data}"}\n`;
}

interface Pending {
  resolve: (r: IoReply) => void;
  reject: (e: Error) => void;
}

export class ZramIoProcess {
  readonly child: ChildProcess;
  private readonly pending: Pending[] = [];
  /** Parts of the reply line being received (a 1 MiB read is a ~1.4 MB line in many chunks). */
  private parts: string[] = [];
  private exited: Error | undefined;

  /** `attached`: the device is not ours, so an orphaned co-process must leave it in place. */
  constructor(deviceId: number, attached = false) {
    const args = [zramioPath(), String(deviceId), ...(attached ? ['--attached'] : [])];
    this.child = spawn('python3', args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout!.setEncoding('latin1');
    this.child.stdout!.on('data', (chunk: string) => this.onData(chunk));
    this.child.on('exit', (code, signal) => this.onExit(new Error(`zramio exited (code ${code}, signal ${signal})`)));
    this.child.on('error', (e) => this.onExit(e));
    this.setRef(false);
  }

  /** Sends one request; failures with an errno become ZramError. */
  async call(req: IoRequest): Promise<IoReply> {
    const reply = await this.send(req);
    if (!reply.ok) throw new ZramError((reply.errno ?? 'EIO') as Errno, `${req.op}: ${reply.msg ?? ''}`);
    return reply;
  }

  send(req: IoRequest): Promise<IoReply> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.setRef(true);
      // The line is ASCII (base64 data): latin1 is a plain copy, utf8 encoding costs far more.
      this.child.stdin!.write(requestLine(req), 'latin1');
    });
  }

  get alive(): boolean {
    return this.exited === undefined;
  }

  /** Keep the event loop alive only while a reply is awaited, so a forgotten device cannot hang exit. */
  private setRef(on: boolean): void {
    const handles = [this.child, this.child.stdout, this.child.stdin] as unknown as { ref(): void; unref(): void }[];
    for (const h of handles) if (h) (on ? h.ref() : h.unref());
  }

  private onData(chunk: string): void {
    // Only the new chunk is searched for line ends, so long replies cost linear time.
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf('\n', start)) >= 0) {
      this.parts.push(chunk.slice(start, nl));
      const line = this.parts.join('');
      this.parts = [];
      start = nl + 1;
      const p = this.pending.shift();
      if (p) p.resolve(JSON.parse(line) as IoReply);
    }
    if (start < chunk.length) this.parts.push(chunk.slice(start));
    if (this.pending.length === 0) this.setRef(false);
  }

  private onExit(e: Error): void {
    this.exited ??= e;
    for (const p of this.pending.splice(0)) p.reject(e);
    this.setRef(false);
  }
}
