import { ZramError } from '../../src/errors';
import { KernelZram } from '../../src/kernel/zram';
import { describeKernel } from '../helpers/kernel';

async function errnoOf(p: Promise<unknown> | unknown): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ZramError) return e.errno;
    throw e;
  }
  return 'ok';
}

function page(fill: (i: number) => number): Uint8Array {
  const p = new Uint8Array(4096);
  for (let i = 0; i < 4096; i++) p[i] = fill(i) & 0xff;
  return p;
}

describeKernel('KernelZram on a private device', () => {
  let dev: KernelZram;
  beforeEach(async () => {
    dev = await KernelZram.create();
  });
  afterEach(async () => {
    await dev.dispose();
  });

  it('maps sysfs write errors to the kernel errno names', async () => {
    expect(await errnoOf(dev.store('disksize', '0'))).toBe('EINVAL');
    expect(await errnoOf(dev.store('comp_algorithm', 'zstd'))).toBe('EINVAL');
    expect(await errnoOf(dev.store('reset', '0'))).toBe('EINVAL');
    expect(await errnoOf(dev.store('compact', '1'))).toBe('EINVAL');
    expect(await errnoOf(dev.store('comp_algorithm', 'x'.repeat(200)))).toBe('E2BIG');
    await dev.store('comp_algorithm', 'lz4');
    expect(dev.show('comp_algorithm')).toBe('lzo-rle lzo [lz4] \n');
    await dev.store('disksize', '5000');
    expect(dev.show('disksize')).toBe('8192\n');
    expect(await errnoOf(dev.store('disksize', '1M'))).toBe('EBUSY');
    expect(await errnoOf(dev.store('comp_algorithm', 'lzo'))).toBe('EBUSY');
  });

  it('writes, reads back, discards and zeroes with real bios', async () => {
    await dev.store('comp_algorithm', 'lz4');
    await dev.store('disksize', '1M');
    const text = page((i) => 97 + ((i * 7) % 13));
    const data = new Uint8Array(3 * 4096);
    data.set(text, 0);
    data.set(page(() => 0), 4096);
    data.set(page((i) => (i * 2654435761) >>> 13), 8192);
    expect(await dev.write(4096, data)).toBe(data.length);
    expect(Buffer.from(await dev.read(4096, data.length)).equals(Buffer.from(data))).toBe(true);
    const mm = dev.show('mm_stat').trim().split(/\s+/).map(Number);
    expect(mm[0]).toBe(3 * 4096); // orig_data_size
    expect(mm[5]).toBe(1); // same_pages (the zero page)
    expect(dev.show('stat').trim().split(/\s+/)[4]).toBe('1'); // one write bio
    await dev.discard(4096, 4096);
    await dev.writeZeroes(8192, 8192);
    expect(dev.show('io_stat')).toBe('       0        0 0        3\n');
    expect(Buffer.from(await dev.read(4096, 3 * 4096)).every((b) => b === 0)).toBe(true);
    expect(await errnoOf(dev.discard(512, 4096))).toBe('EINVAL');
  });

  it('shortens writes at the end, ENOSPC beyond it, EINVAL when misaligned', async () => {
    await dev.store('disksize', '1M');
    const two = new Uint8Array(8192).fill(7);
    expect(await dev.write(1048576 - 4096, two)).toBe(4096);
    expect(await errnoOf(dev.write(1048576, two))).toBe('ENOSPC');
    expect((await dev.read(1048576 - 4096, 8192)).length).toBe(4096);
    expect((await dev.read(1048576, 4096)).length).toBe(0);
    expect(await errnoOf(dev.write(512, new Uint8Array(4096)))).toBe('EINVAL');
    expect(await errnoOf(dev.write(0, new Uint8Array(512)))).toBe('EINVAL');
  });

  it('refuses reset while an fd is open (EBUSY) and accepts it after close', async () => {
    await dev.store('disksize', '1M');
    const fd = await dev.open();
    expect(await errnoOf(dev.store('reset', '1'))).toBe('EBUSY');
    await dev.close(fd);
    await dev.store('reset', '1');
    expect(dev.show('initstate')).toBe('0\n');
    expect(dev.show('comp_algorithm')).toBe('[lzo-rle] lzo lz4 \n');
    expect(await errnoOf(dev.close(fd))).toBe('EBADF');
  });
});
