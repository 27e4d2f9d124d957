// Where a reader's bytes come from: a file read with positioned reads, or memory (tests
// that cut or flip bytes of a log thousands of times do it without touching the disk).
import * as fs from 'node:fs';

export interface ByteSource {
  readonly name: string; // the path, for error messages
  /** Reads up to `length` bytes at file `position` into `into[at..]`; 0 means end of file. */
  read(into: Uint8Array, at: number, length: number, position: number): number;
  close(): void;
}

export class FileSource implements ByteSource {
  private fd: number | null;
  constructor(readonly name: string) {
    this.fd = fs.openSync(name, 'r');
  }
  read(into: Uint8Array, at: number, length: number, position: number): number {
    if (this.fd === null) throw new Error(`${this.name}: read after close`);
    return fs.readSync(this.fd, into, at, length, position);
  }
  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

export class MemorySource implements ByteSource {
  constructor(private readonly bytes: Uint8Array, readonly name = '<memory>') {}
  read(into: Uint8Array, at: number, length: number, position: number): number {
    const n = Math.max(0, Math.min(length, this.bytes.length - position));
    into.set(this.bytes.subarray(position, position + n), at);
    return n;
  }
  close(): void {}
}
