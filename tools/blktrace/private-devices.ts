// Private block devices for recording fixtures: our own zram device (src/kernel/device) and a
// loop device on a file in /tmp. Each has a release() that is safe to call twice.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { kernelUnavailable } from '../../src/kernel/capability';
import { configureDevice, createDevice, removeDevice } from '../../src/kernel/device';

export interface PrivateDevice {
  readonly name: string;          // in /sys/block
  readonly path: string;          // /dev/...
  readonly info: Record<string, string>;
  release(): void;
}

/** Why the kernel cannot be used here (null: it can): the one capability check. */
export function kernelCapable(): string | null {
  return kernelUnavailable();
}

export function addZram(disksize: string, algorithm: string): PrivateDevice {
  const id = createDevice();
  const name = `zram${id}`;
  let released = false;
  const dev: PrivateDevice = {
    name, path: `/dev/${name}`, info: { algorithm, disksize },
    release() {
      if (released) return;
      released = true;
      // udev may still hold the device open right after I/O: removeDevice retries on EBUSY
      const err = removeDevice(id);
      if (err) throw new Error(err);
    },
  };
  try {
    configureDevice(id, { algorithm, disksize });
  } catch (e) {
    dev.release();
    throw e;
  }
  return dev;
}

/** Waits for NAMEp1 in sysfs; creates /dev/NAMEp1 if udev has not (returns it then, to remove).
 * Without this check a workload would write a regular file named /dev/loopNp1. */
function ensurePartitionNode(name: string): string | null {
  const sys = `/sys/block/${name}/${name}p1/dev`;
  const node = `/dev/${name}p1`;
  for (let i = 0; i < 50 && !fs.existsSync(sys); i++) execFileSync('sleep', ['0.1']);
  const [maj, min] = fs.readFileSync(sys, 'utf8').trim().split(':');
  for (let i = 0; i < 20 && !fs.existsSync(node); i++) execFileSync('sleep', ['0.1']);
  if (fs.existsSync(node)) {
    if (!fs.statSync(node).isBlockDevice()) throw new Error(`${node} exists and is not a block device`);
    return null;
  }
  execFileSync('mknod', [node, 'b', maj, min]);
  return node;
}

/** A DOS partition table with one Linux partition (type 0x83); sfdisk/parted are not installed
 * here, and the MBR layout is simple: entry 0 at byte 446, signature 55 aa at 510. */
function writeMbr(file: string, startLba: number, sectors: number): void {
  const mbr = Buffer.alloc(512);
  const e = 446;
  mbr[e + 4] = 0x83;
  mbr.fill(0xff, e + 1, e + 4); // CHS start/end unused (LBA only): the usual 'beyond 1024' marker
  mbr.fill(0xff, e + 5, e + 8);
  mbr.writeUInt32LE(startLba, e + 8);
  mbr.writeUInt32LE(sectors, e + 12);
  mbr[510] = 0x55;
  mbr[511] = 0xaa;
  const fd = fs.openSync(file, 'r+');
  try { fs.writeSync(fd, mbr, 0, 512, 0); } finally { fs.closeSync(fd); }
}

/** A loop device over a sparse file with one partition starting at sector 2048 (added via BLKPG). */
export function addPartitionedLoop(file: string, sizeMiB: number): PrivateDevice {
  fs.writeFileSync(file, '');
  const sh = (cmd: string, args: string[], input?: string): string =>
    execFileSync(cmd, args, { input, encoding: 'utf8' }).trim();
  let path: string;
  try {
    fs.truncateSync(file, sizeMiB << 20);
    writeMbr(file, 2048, (sizeMiB << 11) - 2048);
    path = sh('losetup', ['-P', '-f', '--show', file]);
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw e;
  }
  const name = path.replace('/dev/', '');
  let madeNode: string | null = null;
  try {
    // this kernel has no partition-table parsers (CONFIG_MSDOS_PARTITION unset): the table above
    // documents the layout, BLKPG (addpart) creates the partition
    sh('addpart', [path, '1', '2048', String((sizeMiB << 11) - 2048)]);
    madeNode = ensurePartitionNode(name);
  } catch (e) {
    sh('losetup', ['-d', path]);
    fs.rmSync(file, { force: true });
    throw e;
  }
  let released = false;
  return {
    name, path, info: { file, sizeMiB: String(sizeMiB), partition: `${path}p1`,
      partitionSetup: 'DOS MBR written (start 2048, type 83) + `addpart DEV 1 2048 N` (BLKPG): this kernel has no partition-table parsers' },
    release() {
      if (released) return;
      released = true;
      try { sh('losetup', ['-d', path]); } finally {
        fs.rmSync(file, { force: true });
        if (madeNode) fs.rmSync(madeNode, { force: true });
      }
    },
  };
}
