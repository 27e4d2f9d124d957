// The real traces committed under traces/: what device each uses and which commands run on it.
// `$DEV` is the traced whole device, `$PART` its first partition (loop only).
export interface FixtureSpec {
  readonly name: string;
  readonly device: { kind: 'zram'; disksize: string; algorithm: string } | { kind: 'loop'; sizeMiB: number };
  readonly description: string;
  /** Run before tracing starts (filling the device, etc.). */
  readonly prepare?: readonly string[];
  readonly commands: readonly string[];
}

export const FIXTURES: readonly FixtureSpec[] = [
  {
    name: 'zram-seqwrite',
    device: { kind: 'zram', disksize: '64M', algorithm: 'lz4' },
    description: 'sequential O_DIRECT writes of 128 KiB, then 64 KiB reads back',
    commands: [
      'dd if=/dev/urandom of=$DEV conv=nocreat bs=128k count=16 oflag=direct status=none',
      'dd if=$DEV of=/dev/null bs=64k count=8 iflag=direct status=none',
    ],
  },
  {
    name: 'zram-randrw-2cpu',
    device: { kind: 'zram', disksize: '64M', algorithm: 'lz4' },
    description: '4 KiB random read/write, fio psync with 2 jobs pinned to CPU 0 and CPU 1',
    prepare: ['dd if=/dev/zero of=$DEV conv=nocreat bs=1M count=8 oflag=direct status=none'],
    commands: [
      'fio --name=randrw --filename=$DEV --rw=randrw --bs=4k --size=8M --io_size=256k ' +
        '--numjobs=2 --ioengine=psync --direct=1 --cpus_allowed=0-1 --cpus_allowed_policy=split ' +
        '--randseed=4242 --output=/dev/null',
    ],
  },
  {
    name: 'zram-discard',
    device: { kind: 'zram', disksize: '64M', algorithm: 'lzo-rle' },
    description: 'writes, then blkdiscard of several ranges (whole pages only: zram rejects others)',
    prepare: ['dd if=/dev/urandom of=$DEV conv=nocreat bs=1M count=4 oflag=direct status=none'],
    commands: [
      'blkdiscard -o 0 -l 1048576 $DEV',
      'blkdiscard -o 2097152 -l 65536 $DEV',
      'blkdiscard -o 3145728 -l 4096 $DEV',
      'dd if=/dev/urandom of=$DEV conv=nocreat bs=8k count=4 seek=100 oflag=direct status=none',
      'blkdiscard -o 819200 -l 32768 $DEV',
    ],
  },
  {
    name: 'loop-partition',
    device: { kind: 'loop', sizeMiB: 32 },
    description: 'loop device on a file in /tmp with one partition at sector 2048: remaps (A), ' +
      'splits (X), plugs (P/U), flushes from dsync, buffered writes with fsync',
    commands: [
      'dd if=/dev/urandom of=$PART conv=nocreat bs=256k count=2 oflag=direct,dsync status=none',
      'dd if=$PART of=/dev/null bs=1M count=1 iflag=direct status=none',
      'dd if=/dev/urandom of=$PART bs=4k count=32 seek=1024 conv=fsync,nocreat status=none',
    ],
  },
  {
    name: 'loop-mixed',
    device: { kind: 'loop', sizeMiB: 32 },
    description: 'loop device with a partition: fio 4 KiB random read/write with 2 jobs (more than one ' +
      "blkparse batch of 512 events, so pipe mode's batch-by-batch output and -d dumps read back are " +
      'exercised), then O_DIRECT dsync writes and a whole-disk read',
    commands: [
      'fio --name=randrw --filename=$PART --rw=randrw --bs=4k --size=8M --io_size=384k ' +
        '--numjobs=2 --ioengine=psync --direct=1 --randseed=4242 --output=/dev/null',
      'dd if=/dev/urandom of=$PART conv=nocreat bs=64k count=8 oflag=direct,dsync status=none',
      'dd if=$DEV of=/dev/null bs=1M count=2 iflag=direct status=none',
    ],
  },
];
