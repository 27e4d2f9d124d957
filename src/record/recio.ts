// Node side of tools/record/recio.py: one python co-process per workload thread, JSON lines,
// replies in order. Each reply carries CLOCK_MONOTONIC stamps taken around the system call.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface RecIoReply {
  ok: boolean;
  errno?: string;
  msg?: string;
  pid?: number;
  n?: number;
  t0?: number;
  t1?: number;
}

export function recioPath(): string {
  const candidates = [path.resolve(__dirname, '../../tools/record/recio.py'),
    path.resolve(__dirname, '../../../tools/record/recio.py')];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`recio.py not found (looked at ${candidates.join(', ')})`);
  return found;
}

export class RecIo {
  readonly child: ChildProcess;
  private readonly pending: ((r: RecIoReply) => void)[] = [];
  private buf = '';
  private dead: Error | null = null;
  pid = 0;

  constructor() {
    this.child = spawn('python3', [recioPath()], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout!.setEncoding('latin1');
    this.child.stdout!.on('data', (c: string) => this.onData(c));
    this.child.on('exit', (code, sig) => this.onExit(new Error(`recio exited (code ${code}, signal ${sig})`)));
    this.child.on('error', (e) => this.onExit(e));
  }

  async open(dev: string): Promise<void> {
    const r = await this.call({ op: 'open', path: dev });
    if (!r.ok) throw new Error(`open ${dev}: ${r.errno} ${r.msg}`);
    this.pid = r.pid!;
  }

  call(req: Record<string, unknown>): Promise<RecIoReply> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise((resolve) => {
      this.pending.push(resolve);
      this.child.stdin!.write(JSON.stringify(req) + '\n');
    });
  }

  async quit(): Promise<void> {
    if (this.dead) return;
    await Promise.race([this.call({ op: 'quit' }).catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
    this.kill();
  }

  kill(): void {
    if (!this.dead) this.child.kill('SIGKILL');
  }

  private onData(chunk: string): void {
    this.buf += chunk;
    let nl: number;
    while ((nl = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      this.pending.shift()?.(JSON.parse(line) as RecIoReply);
    }
  }

  private onExit(e: Error): void {
    this.dead ??= e;
    for (const p of this.pending.splice(0)) p({ ok: false, errno: 'EPIPE', msg: e.message });
  }
}
