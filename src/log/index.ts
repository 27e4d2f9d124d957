// The append-only event log: framing, file reader/writer, recovery, event stores.
export { LogCorruptError, LogAppendError, WrongExpectedVersionError } from './errors';
export { FRAME_HEADER_BYTES, MAX_RECORD_BYTES } from './frame';
export { LogReader, readLogEvents, type LogReaderOptions } from './reader';
export { LogWriter, type FsyncPolicy, type LogWriterOptions } from './writer';
export { recoverLog, type RecoveryReport } from './recover';
export type { EventStore, NewEvent } from './event-store';
export { InMemoryEventStore } from './memory-event-store';
export { FileEventStore } from './file-event-store';
export { MemorySource, FileSource, type ByteSource } from './byte-source';
export { LogFileStore } from './log-file-store';
