// Follows the per-CPU trace files (NAME.blktrace.N) while the capture's readers append to them:
// each poll reads what was added since the last one and decodes it with the blktrace decoder,
// which keeps a record cut by the end of the file until the rest arrives.
import * as fs from 'node:fs';
import { BlkDecoder } from '../blktrace/decode';
import type { BlkRecord } from '../blktrace/record';

const CHUNK = 1 << 20;

/** One growing trace file: its own decoder and read offset. */
export class FollowedFile {
  private fd: number | null = null;
  private offset = 0;
  private readonly decoder: BlkDecoder;
  private readonly buf = new Uint8Array(CHUNK);

  constructor(readonly file: string) {
    this.decoder = new BlkDecoder(file);
  }

  /** Bytes read so far. */
  get position(): number {
    return this.offset;
  }

  /** Decoded problems (bad magic, lost-event markers): the capture's own checks report them. */
  get stats(): BlkDecoder['stats'] {
    return this.decoder.stats;
  }

  /** Everything added since the last poll, up to `maxBytes`; [] while the file does not exist. */
  poll(out: BlkRecord[] = [], maxBytes = 16 * CHUNK): BlkRecord[] {
    if (this.fd === null) {
      try { this.fd = fs.openSync(this.file, 'r'); } catch { return out; }
    }
    let budget = maxBytes;
    while (budget > 0) {
      const n = fs.readSync(this.fd, this.buf, 0, Math.min(CHUNK, budget), this.offset);
      if (n === 0) break;
      this.offset += n;
      budget -= n;
      // a view: the decoder copies whatever it keeps past this call
      this.decoder.push(new Uint8Array(this.buf.buffer, 0, n), out);
    }
    return out;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

/** All CPU files of one capture, polled together. */
export class TraceFollower {
  readonly files: FollowedFile[];

  constructor(paths: readonly string[]) {
    this.files = paths.map((p) => new FollowedFile(p));
  }

  poll(): BlkRecord[] {
    const out: BlkRecord[] = [];
    for (const f of this.files) f.poll(out);
    return out;
  }

  close(): void {
    for (const f of this.files) f.close();
  }
}
