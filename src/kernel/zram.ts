// A real zram device behind the ZramLike interface, driven from this thread: sysfs through
// sysfs.ts, bios as O_DIRECT pwrite/pread (direct-io.ts), discard and write-zeroes as ioctls
// (blk-ioctl.ts). Every call is one system call, issued synchronously on this thread before the
// returned promise settles, so requests reach the kernel in exactly the order they are made.
import type { ZramLike } from '../device/block-device';
import { ZramError } from '../errors';
import { blkDiscard, blkZeroout } from './blk-ioctl';
import { createDevice, nodeMismatch, removeDevice, setFdCloser } from './device';
import { closeFd, DirectIo, MAX_BIO_BYTES, openDirect } from './direct-io';
import { readAttr, writeAttr } from './sysfs';

export { MAX_BIO_BYTES };

export class KernelZram implements ZramLike {
  private readonly io = new DirectIo();
  private readonly userFds = new Set<number>();
  /** fd used for bios when the caller has none open; closed before reset so it never causes EBUSY. */
  private internalFd: number | undefined;
  private disposed = false;

  /** `owned`: created by create() (reset and removed by dispose); false for attach(). */
  private constructor(readonly id: number, private readonly owned: boolean) {}

  /** Drives an existing device the caller chose (not created here): dispose() closes our fds but
   * never resets or removes the device. The caller checks it is safe to use. */
  static attach(id: number): KernelZram {
    return new KernelZram(id, false);
  }

  /** hot_add a fresh device (uninitialised, lzo-rle), registered for cleanup until dispose(). */
  static async create(): Promise<KernelZram> {
    const id = createDevice();
    const dev = new KernelZram(id, true);
    setFdCloser(id, () => dev.closeAllFds());
    return dev;
  }

  get path(): string {
    return `/dev/zram${this.id}`;
  }

  async store(attr: string, value: string): Promise<void> {
    this.checkLive();
    if (attr === 'reset') this.closeInternalFd();
    writeAttr(this.id, attr, value);
  }

  show(attr: string): string {
    this.checkLive();
    return readAttr(this.id, attr);
  }

  async open(): Promise<number> {
    this.checkLive();
    const fd = this.openNode();
    this.userFds.add(fd);
    return fd;
  }

  async close(fd: number): Promise<void> {
    if (!this.userFds.has(fd)) throw new ZramError('EBADF', `close(${fd}): not open`);
    this.userFds.delete(fd);
    closeFd(fd);
  }

  async write(offset: number, data: Uint8Array): Promise<number> {
    return this.io.pwrite(this.ioFd(), offset, data);
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    return this.io.pread(this.ioFd(), offset, length);
  }

  async discard(offset: number, length: number): Promise<void> {
    blkDiscard(this.ioFd(), offset, length);
  }

  async writeZeroes(offset: number, length: number): Promise<void> {
    blkZeroout(this.ioFd(), offset, length);
  }

  /** Closes every fd, resets and hot-removes the device (an attached one stays). Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.closeAllFds();
    if (!this.owned) return;
    const err = removeDevice(this.id);
    if (err) throw new Error(`${err}: could not reset/hot_remove`);
  }

  /** Synchronous: every fd of ours closed (emergency teardown calls this before reset). */
  closeAllFds(): void {
    const fds = [...this.userFds, ...(this.internalFd === undefined ? [] : [this.internalFd])];
    this.userFds.clear();
    this.internalFd = undefined;
    for (const fd of fds) {
      try { closeFd(fd); } catch { /* already closed */ }
    }
  }

  private ioFd(): number {
    this.checkLive();
    for (const fd of this.userFds) return fd;
    if (this.internalFd === undefined) this.internalFd = this.openNode();
    return this.internalFd;
  }

  /** O_DIRECT open of the node, refused when it is not our block device (a stray regular file). */
  private openNode(): number {
    const why = nodeMismatch(`zram${this.id}`);
    if (why) throw new ZramError('ENODEV', why);
    return openDirect(this.path);
  }

  private closeInternalFd(): void {
    if (this.internalFd === undefined) return;
    const fd = this.internalFd;
    this.internalFd = undefined;
    closeFd(fd);
  }

  private checkLive(): void {
    if (this.disposed) throw new Error(`zram${this.id} was disposed`);
  }
}
