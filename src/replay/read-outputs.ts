// Reads an outputs file as a stream: the header (checked for format and version), then the
// records, which must end with the end record: a file cut short (a full disk, a copy
// interrupted) is bad input, never "a difference". A line that is not a record, a line over
// the length limit, or a file that is not a regular file throws OutputsFormatError naming the
// file and line.
import { OUTPUTS_LINE_MAX_BYTES } from '../input/limits';
import { readLinesBounded, type LineSource } from '../input/line-reader';
import { BadInputError } from './bad-input';
import { checkHeader, OutputsFormatError, parseRecord, type OutputHeader, type OutputRecord } from './outputs';

export interface OutputsStream { header: OutputHeader; records: AsyncIterable<OutputRecord>; close(): void }

const asFormatError = (e: unknown): unknown => (e instanceof BadInputError ? new OutputsFormatError(e.message) : e);

export async function readOutputs(file: string): Promise<OutputsStream> {
  let src: LineSource;
  try {
    src = readLinesBounded(file, OUTPUTS_LINE_MAX_BYTES);
  } catch (e) {
    throw asFormatError(e);
  }
  const lines = src.lines;
  const first = await lines.next().catch((e: unknown) => { throw asFormatError(e); });
  if (first.done) { src.close(); throw new OutputsFormatError(`${file}: empty file`); }
  let header: OutputHeader;
  try {
    header = checkHeader(parseRecord(first.value, `${file}:1`), `${file}:1`);
  } catch (e) {
    src.close();
    throw e;
  }
  async function* records(): AsyncGenerator<OutputRecord> {
    let n = 1;
    let ended = false;
    try {
      for (let l = await lines.next(); !l.done; l = await lines.next()) {
        n++;
        if (l.value === '') continue;
        const r = parseRecord(l.value, `${file}:${n}`);
        if ('header' in r) throw new OutputsFormatError(`${file}:${n}: a second header`);
        if (ended) throw new OutputsFormatError(`${file}:${n}: a record after the end record`);
        if ('end' in r) ended = true;
        yield r;
      }
    } catch (e) {
      throw asFormatError(e);
    } finally {
      src.close();
    }
    if (!ended) {
      throw new OutputsFormatError(`${file}:${n}: ends without its end record (cut short or interrupted): not a complete outputs file`);
    }
  }
  return { header, records: records(), close: () => src.close() };
}
