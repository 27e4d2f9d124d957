// Kernel oracle (live): lzo / lzo-rle comp_len of our own corpus (every zero-run length 1..2100,
// which stresses lzo-rle's run rules) against a private Linux 6.18 zram device, page by page:
// the compr_data_size delta of one O_DIRECT write into a fresh slot.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { lzo, lzoRle } from '../../src/compress/lzo';
import { describeKernel } from '../helpers/kernel';
import { lzoCorpus } from './lzo-corpus';

const SEED = 0x2a11;
const PAGE = 4096;
const HUGE_CLASS_SIZE = 3625;
const CONTROL = '/sys/class/zram-control';

function sameFilled(p: Uint8Array): boolean {
  for (let i = 8; i < PAGE; i++) if (p[i] !== p[i - 8]) return false;
  return true;
}

/** Writes a sysfs control file, retrying while the device is briefly busy (udev probing it). */
function writeRetrying(file: string, value: string): Error | undefined {
  let last: Error | undefined;
  for (let i = 0; i < 50; i++) {
    try {
      fs.writeFileSync(file, value);
      return undefined;
    } catch (e) {
      last = e as Error;
      if ((e as NodeJS.ErrnoException).code !== 'EBUSY') break;
      execFileSync('sleep', ['0.05']);
    }
  }
  return last;
}

/** hot_add, configure, run the helper; reset + hot_remove whatever happens. */
function measure(algorithm: string, pagesFile: string): string[] {
  const id = fs.readFileSync(`${CONTROL}/hot_add`, 'utf8').trim();
  const sys = `/sys/block/zram${id}`;
  try {
    fs.writeFileSync(`${sys}/comp_algorithm`, algorithm);
    fs.writeFileSync(`${sys}/disksize`, '64M');
    for (let i = 0; i < 200 && !fs.existsSync(`/dev/zram${id}`); i++) execFileSync('sleep', ['0.01']);
    const out = execFileSync('python3', [path.join(__dirname, 'lzo-zram-sizes.py'), `/dev/zram${id}`,
      `${sys}/mm_stat`, pagesFile], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return out.trim().split('\n');
  } finally {
    // each step is attempted even if the other fails, so the device is never left behind
    const resetErr = writeRetrying(`${sys}/reset`, '1');
    const removeErr = writeRetrying(`${CONTROL}/hot_remove`, id);
    if (resetErr ?? removeErr) throw resetErr ?? removeErr;
  }
}

describeKernel(`lzo / lzo-rle comp_len == Linux zram on a private device (seed ${SEED})`, () => {
  // zram never compresses same-filled pages, so they tell nothing about the compressor
  const corpus = lzoCorpus(SEED).filter((c) => !sameFilled(c.page));
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(tmpdir(), 'lzo-kernel-'));
    fs.writeFileSync(path.join(dir, 'pages.bin'), Buffer.concat(corpus.map((c) => c.page)));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['lzo-rle', lzoRle],
    ['lzo', lzo],
  ] as const)('%s: every page (huge <=> length >= 3625)', (algorithm, comp) => {
    const lines = measure(algorithm, path.join(dir, 'pages.bin'));
    expect(lines).toHaveLength(corpus.length);
    const mismatches: string[] = [];
    let huge = 0;
    corpus.forEach((c, i) => {
      const n = comp.compressedLength(c.page, {});
      const isHuge = n >= HUGE_CLASS_SIZE;
      if (isHuge) huge++;
      const expected = `${isHuge ? PAGE : n} ${isHuge ? 1 : 0}`;
      if (lines[i] !== expected) mismatches.push(`${c.name}: ours ${n}, kernel ${lines[i]}`);
    });
    console.log(`${algorithm}: ${corpus.length - mismatches.length}/${corpus.length} pages equal the kernel (${huge} huge)`);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
