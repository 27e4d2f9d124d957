// Kernel oracle for the compressor tests: what the real zram stores for each page. Each page goes
// with one O_DIRECT 4 KiB pwrite (one bio) into a never-written slot of a private device; the
// result is "<compr_data_size delta> <huge_pages delta>" per page, read from mm_stat around the
// write. With readBack, every page is then read back and compared. The device is always removed.
import { configureDevice, createDevice, removeDevice } from '../../src/kernel/device';
import { closeFd, DirectIo, openDirect } from '../../src/kernel/direct-io';
import { readAttr } from '../../src/kernel/sysfs';

const PAGE = 4096;

function comprAndHuge(id: number): [number, number] {
  const f = readAttr(id, 'mm_stat').trim().split(/\s+/).map(Number);
  return [f[1], f[7]]; // compr_data_size, huge_pages
}

export interface ZramSizesConfig {
  readonly algorithm: string;
  readonly params?: string;
  /** Compare every page read back with what was written (throws on the first difference). Not for
   * lz4 levels whose acceleration wraps: the kernel then reads back pages that differ. */
  readonly readBack?: boolean;
}

export function measureZramSizes(cfg: ZramSizesConfig, pages: readonly Uint8Array[]): string[] {
  const id = createDevice();
  try {
    configureDevice(id, { algorithm: cfg.algorithm, params: cfg.params, disksize: '64M' });
    const io = new DirectIo();
    const fd = openDirect(`/dev/zram${id}`);
    try {
      const lines = pages.map((p, i) => {
        const [c0, h0] = comprAndHuge(id);
        if (io.pwrite(fd, i * PAGE, p) !== PAGE) throw new Error(`short write at page ${i}`);
        const [c1, h1] = comprAndHuge(id);
        return `${c1 - c0} ${h1 - h0}`;
      });
      if (cfg.readBack) pages.forEach((p, i) => {
        if (!Buffer.from(io.pread(fd, i * PAGE, PAGE)).equals(Buffer.from(p))) throw new Error(`page ${i} read back differently`);
      });
      return lines;
    } finally {
      closeFd(fd);
    }
  } finally {
    const err = removeDevice(id);
    if (err) throw new Error(err);
  }
}
