// A private redis-server for tests and benchmarks: loopback only, a free port of its own, no
// persistence, stopped by its owner. redisServerMissing() says why it cannot run here.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

export interface TestRedis { readonly url: string; readonly port: number; stop(): Promise<void> }

export function redisServerMissing(): string | null {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'redis-server is not installed (apt-get install -y redis-server; .ci/run does)';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1', () => c.write('PING\r\n'));
    c.on('data', (d) => { c.destroy(); resolve(d.toString().startsWith('+PONG')); });
    c.on('error', () => resolve(false));
  });
}

export async function startRedis(): Promise<TestRedis> {
  const missing = redisServerMissing();
  if (missing !== null) throw new Error(missing);
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '',
    '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: 'ignore' });
  let failed: Error | null = null; // a spawn failure is an 'error' event: unheard, it ends the process
  child.on('error', (e) => { failed = e; });
  for (let i = 0; i < 100 && failed === null && !(await answers(port)); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  if (failed !== null) throw new Error(`redis-server did not start: ${(failed as Error).message}`);
  if (!(await answers(port))) { child.kill('SIGKILL'); throw new Error(`redis-server did not start on port ${port}`); }
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return { url: `redis://127.0.0.1:${port}`, port, stop };
}
