// Writes events to a zram-ref log file (the replay CLI's input).
import { KERNEL_SEMANTICS, LOG_FORMAT_VERSION, type LogHeader, type Recorded, type ZramEvent } from '../../src/events/types';
import { LogWriter } from '../../src/log';

export const TEST_HEADER: LogHeader = {
  formatVersion: LOG_FORMAT_VERSION, pageSize: 4096, kernelSemantics: KERNEL_SEMANTICS, variant: 'claim',
  contentSource: 'exact', provenance: { tool: 'zram-ref test', fixture: 'small-sequence' },
};

export function writeLog(path: string, events: readonly Recorded<ZramEvent>[], header: LogHeader = TEST_HEADER): void {
  const w = LogWriter.create(path, header, { fsync: 'never' });
  try {
    w.appendBatch(events);
  } finally {
    w.close();
  }
}
