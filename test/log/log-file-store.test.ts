import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogCorruptError } from '../../src/log/errors';
import { LogFileStore } from '../../src/log/log-file-store';
import { frames, smallEvents, tmpDir, writeLog } from './helpers';

describe('LogFileStore: frames checked at open are not CRC-checked again while the file is unchanged', () => {
  test('an unchanged log reads back every event', () => {
    const events = smallEvents();
    const store = LogFileStore.open(writeLog(tmpDir(), 'a.log', events));
    expect([...store.readSync(0)]).toEqual(events);
    expect([...store.readSync(0)]).toEqual(events); // twice: nothing consumed
  });

  test('a payload byte flipped after open is still caught by its CRC on the read', () => {
    const file = writeLog(tmpDir(), 'b.log', smallEvents());
    const store = LogFileStore.open(file);
    const data = fs.readFileSync(file);
    const page = frames(data).find((f) => f.kind === 'pageContent')!;
    data[page.end - 100] ^= 0x01; // inside a page's bytes: still a valid record, only its CRC can tell
    fs.writeFileSync(path.join(file), data);
    expect(() => [...store.readSync(0)]).toThrow(LogCorruptError);
  });
});
