// Errors of the log file and the event store. Corruption is named by file and byte offset
// so a human can look at the bytes; nothing here is a kernel-visible outcome.

/** A record of a log file is torn, fails its CRC, or does not decode to what must be there. */
export class LogCorruptError extends Error {
  constructor(
    readonly path: string,
    readonly offset: number,   // byte offset of the first bad record (= end of the last good one)
    readonly expected: string, // what a whole, valid record there would have been
    readonly found?: string,
  ) {
    super(`${path}: bad log record at byte ${offset}: expected ${expected}${found === undefined ? '' : `, found ${found}`}`);
    this.name = 'LogCorruptError';
  }
}

/** append() was called with an expected version other than the stream's (DESIGN.md decision 8). */
export class WrongExpectedVersionError extends Error {
  constructor(readonly expectedVersion: number, readonly actualVersion: number) {
    super(`append expected the stream at version ${expectedVersion}, but it is at version ${actualVersion}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** An append the log cannot take as given: wrong seq, a page key naming two contents, a page
 * of the wrong size. Nothing of the batch is written. */
export class LogAppendError extends Error {
  constructor(readonly seq: number, detail: string) {
    super(`append of event seq ${seq}: ${detail}`);
    this.name = 'LogAppendError';
  }
}
