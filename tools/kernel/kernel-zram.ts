// A private real zram device behind the ZramLike interface: sysfs through Node,
// bios through the zramio.py co-process (real O_DIRECT pwrite/pread, BLKDISCARD, BLKZEROOUT).
import { ZramLike } from '../../src/device/block-device';
import { ZramError } from '../../src/errors';
import { registerDevice, unregisterDevice } from './cleanup';
import { ZramIoProcess } from './coprocess';
import { attrPath, hotAdd, readSysfs, resetAndRemoveSync, writeSysfs } from './sysfs';

/** Largest single pwrite/pread: one bio of 256 pages. */
export const MAX_BIO_BYTES = 1 << 20;

export class KernelZram implements ZramLike {
  private readonly io: ZramIoProcess;
  private readonly userFds = new Set<number>();
  /** fd used for bios when the caller has none open; closed before reset so it never causes EBUSY. */
  private internalFd: number | undefined;
  private disposed = false;

  /** `owned`: created by create() (reset and removed by dispose); false for attach(). */
  private constructor(readonly id: number, private readonly owned = true) {
    this.io = new ZramIoProcess(id, !owned);
  }

  /** Drives an existing device the caller chose (not created here): dispose() closes our fds and
   * stops the co-process but never resets or removes the device. The caller checks it is safe. */
  static attach(id: number): KernelZram {
    return new KernelZram(id, false);
  }

  /** hot_add a fresh device (uninitialised, lzo-rle) and register it for cleanup. */
  static async create(): Promise<KernelZram> {
    const id = hotAdd();
    let dev: KernelZram;
    try {
      dev = new KernelZram(id);
    } catch (e) {
      resetAndRemoveSync(id);
      throw e;
    }
    registerDevice({ id, killIo: () => dev.killIo() });
    return dev;
  }

  /** pid of the zramio.py co-process (for measurements). */
  get ioPid(): number {
    return this.io.child.pid ?? 0;
  }

  get path(): string {
    return `/dev/zram${this.id}`;
  }

  async store(attr: string, value: string): Promise<void> {
    this.checkLive();
    if (attr === 'reset') await this.closeInternalFd();
    writeSysfs(attrPath(this.id, attr), value);
  }

  show(attr: string): string {
    this.checkLive();
    return readSysfs(attrPath(this.id, attr));
  }

  async open(): Promise<number> {
    this.checkLive();
    const { fd } = await this.io.call({ op: 'open' });
    this.userFds.add(fd!);
    return fd!;
  }

  async close(fd: number): Promise<void> {
    if (!this.userFds.has(fd)) throw new ZramError('EBADF', `close(${fd}): not open`);
    this.userFds.delete(fd);
    await this.io.call({ op: 'close', fd });
  }

  async write(offset: number, data: Uint8Array): Promise<number> {
    const b64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
    const { n } = await this.io.call({ op: 'pwrite', fd: await this.ioFd(), off: offset, data: b64 });
    return n!;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const { data } = await this.io.call({ op: 'pread', fd: await this.ioFd(), off: offset, len: length });
    return new Uint8Array(Buffer.from(data!, 'base64'));
  }

  async discard(offset: number, length: number): Promise<void> {
    await this.io.call({ op: 'discard', fd: await this.ioFd(), off: offset, len: length });
  }

  async writeZeroes(offset: number, length: number): Promise<void> {
    await this.io.call({ op: 'zeroout', fd: await this.ioFd(), off: offset, len: length });
  }

  /** Closes every fd, resets and hot-removes the device (an attached one stays). Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.owned) unregisterDevice(this.id);
    if (this.io.alive) {
      const quit = this.io.send({ op: 'quit' }).catch(() => undefined);
      const timeout = new Promise((r) => setTimeout(r, 2000).unref());
      await Promise.race([quit, timeout]);
      this.killIo();
    }
    this.userFds.clear();
    this.internalFd = undefined;
    if (!this.owned) return;
    if (!resetAndRemoveSync(this.id)) throw new Error(`zram${this.id}: could not reset/hot_remove`);
  }

  killIo(): void {
    if (this.io.alive) this.io.child.kill('SIGKILL');
  }

  private async ioFd(): Promise<number> {
    this.checkLive();
    for (const fd of this.userFds) return fd;
    if (this.internalFd === undefined) this.internalFd = (await this.io.call({ op: 'open' })).fd!;
    return this.internalFd;
  }

  private async closeInternalFd(): Promise<void> {
    if (this.internalFd === undefined) return;
    const fd = this.internalFd;
    this.internalFd = undefined;
    await this.io.call({ op: 'close', fd });
  }

  private checkLive(): void {
    if (this.disposed) throw new Error(`zram${this.id} was disposed`);
  }
}
