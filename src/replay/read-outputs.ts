// Reads an outputs file as a stream: the header (checked for format and version), then the
// records. A line that is not a record throws OutputsFormatError naming the file and line.
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { checkHeader, OutputsFormatError, parseRecord, type OutputHeader, type OutputRecord } from './outputs';

export interface OutputsStream { header: OutputHeader; records: AsyncIterable<OutputRecord>; close(): void }

export async function readOutputs(file: string): Promise<OutputsStream> {
  let stream: fs.ReadStream;
  try {
    fs.accessSync(file, fs.constants.R_OK);
    if (fs.statSync(file).isDirectory()) throw new Error('is a directory, expected an outputs file');
    stream = fs.createReadStream(file, { encoding: 'utf8' });
  } catch (e) {
    throw new OutputsFormatError(`${file}: ${(e as Error).message}`);
  }
  const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
  const lines = rl[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) { rl.close(); throw new OutputsFormatError(`${file}: empty file`); }
  const header = checkHeader(parseRecord(first.value, `${file}:1`), `${file}:1`);
  async function* records(): AsyncGenerator<OutputRecord> {
    let n = 1;
    try {
      for (let l = await lines.next(); !l.done; l = await lines.next()) {
        n++;
        if (l.value === '') continue;
        const r = parseRecord(l.value, `${file}:${n}`);
        if ('header' in r) throw new OutputsFormatError(`${file}:${n}: a second header`);
        yield r;
      }
    } finally {
      rl.close();
    }
  }
  return { header, records: records(), close: () => { rl.close(); stream.destroy(); } };
}
