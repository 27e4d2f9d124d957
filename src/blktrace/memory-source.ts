// A RecordSource over bytes already in memory (tests, fuzzing, tools), decoded in chunks of
// `chunk` bytes through the same streaming decoder the file reader uses.
import { BlkDecoder, DecoderOptions } from './decode';
import { RecordSource } from './merge';
import { BlkRecord } from './record';

export class BytesRecordSource implements RecordSource {
  readonly decoder: BlkDecoder;
  private queue: BlkRecord[] = [];
  private head = 0;
  private pos = 0;
  private ended = false;

  constructor(private readonly bytes: Uint8Array, readonly cpu: number, readonly name: string,
    opts: DecoderOptions & { group?: number } = {}, private readonly chunk = 64 * 1024) {
    this.decoder = new BlkDecoder(name, opts);
    this.group = opts.group;
  }

  readonly group: number | undefined;

  next(): BlkRecord | null {
    while (this.head >= this.queue.length) {
      if (this.ended) return null;
      this.queue = [];
      this.head = 0;
      if (this.pos >= this.bytes.length || this.decoder.stopped) {
        this.ended = true;
        this.decoder.end(this.queue);
      } else {
        this.decoder.push(this.bytes.subarray(this.pos, this.pos + this.chunk), this.queue);
        this.pos += this.chunk;
      }
    }
    return this.queue[this.head++];
  }
}
