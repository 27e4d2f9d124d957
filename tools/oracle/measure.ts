// Measures the kernel's comp_len of each page: write it into a never-used slot of a private
// device with one O_DIRECT pwrite and take the compr_data_size delta from mm_stat.
import { columnsOf, statGroup, statNumbers, type MmStat } from '../../src/device/stat-columns';
import { KernelZram } from '../../src/kernel/zram';
import { MeasuredSize, OracleAlgorithm } from './fixture-format';

const HUGE_THRESHOLD = 3625;

export function parseMmStat(text: string): MmStat {
  const f = statNumbers('mm_stat', text);
  if (f.length !== columnsOf('mm_stat').length || f.some((x) => !Number.isSafeInteger(x))) {
    throw new Error(`bad mm_stat: ${JSON.stringify(text)}`);
  }
  return statGroup('mm_stat', text);
}

async function initialise(dev: KernelZram, alg: OracleAlgorithm, pages: number): Promise<void> {
  await dev.store('reset', '1');
  await dev.store('comp_algorithm', alg.compAlgorithm);
  if (alg.algorithmParams) await dev.store('algorithm_params', alg.algorithmParams);
  await dev.store('disksize', String(Math.ceil((pages * 4096) / 1048576) * 1048576));
}

function sizeFromDelta(before: MmStat, after: MmStat, page: number): MeasuredSize {
  const [dOrig, dCompr, dSame, dHuge] = (['origDataSize', 'comprDataSize', 'samePages', 'hugePages'] as const)
    .map((k) => after[k] - before[k]);
  if (dOrig !== 4096 || dSame !== 0) throw new Error(`page ${page}: unexpected mm_stat delta (orig ${dOrig}, same ${dSame})`);
  if (dHuge === 1 && dCompr === 4096) return 'huge';
  if (dHuge === 0 && dCompr > 0 && dCompr < HUGE_THRESHOLD) return dCompr;
  throw new Error(`page ${page}: inconsistent delta (compr ${dCompr}, huge ${dHuge})`);
}

/** Returns one size per page; also checks the read-back and that the deltas add up. */
export async function measureAlgorithm(dev: KernelZram, alg: OracleAlgorithm, pages: readonly Uint8Array[]): Promise<MeasuredSize[]> {
  await initialise(dev, alg, pages.length);
  const sizes: MeasuredSize[] = [];
  let before = parseMmStat(dev.show('mm_stat'));
  for (let i = 0; i < pages.length; i++) {
    const n = await dev.write(i * 4096, pages[i]);
    if (n !== 4096) throw new Error(`page ${i}: short write ${n}`);
    const after = parseMmStat(dev.show('mm_stat'));
    sizes.push(sizeFromDelta(before, after, i));
    before = after;
  }
  const total = sizes.reduce<number>((s, x) => s + (x === 'huge' ? 4096 : x), 0);
  if (total !== before.comprDataSize) throw new Error(`${alg.key}: deltas sum to ${total}, compr_data_size is ${before.comprDataSize}`);
  await verifyReadBack(dev, pages);
  return sizes;
}

async function verifyReadBack(dev: KernelZram, pages: readonly Uint8Array[]): Promise<void> {
  for (let first = 0; first < pages.length; first += 256) {
    const count = Math.min(256, pages.length - first);
    const got = await dev.read(first * 4096, count * 4096);
    for (let k = 0; k < count; k++) {
      const want = pages[first + k];
      const have = got.subarray(k * 4096, (k + 1) * 4096);
      if (!Buffer.from(have).equals(Buffer.from(want))) throw new Error(`page ${first + k}: read-back differs`);
    }
  }
}
