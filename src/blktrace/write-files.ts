// File-system side of the writer: NAME.blktrace.0 .. N (one per CPU, files for CPUs without records
// left empty so blkparse's numbering has no holes) or one merged file.
import * as fs from 'node:fs';
import { BlkRecord } from './record';
import { encodeRecords, EncodeOptions, splitByCpu } from './write';

export function writeCpuFiles(name: string, records: Iterable<BlkRecord>, o: EncodeOptions = {}): string[] {
  const byCpu = splitByCpu(records);
  const maxCpu = Math.max(0, ...byCpu.keys());
  const files: string[] = [];
  for (let cpu = 0; cpu <= maxCpu; cpu++) {
    const f = `${name}.blktrace.${cpu}`;
    fs.writeFileSync(f, encodeRecords(byCpu.get(cpu) ?? [], o));
    files.push(f);
  }
  return files;
}

export function writeSingleFile(file: string, records: Iterable<BlkRecord>, o: EncodeOptions = {}): void {
  fs.writeFileSync(file, encodeRecords(records, o));
}
