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

describe('LogFileStore opened unscanned: the first read from the start checks every frame', () => {
  test('a good log: the read gives every event and then stands for the scan', () => {
    const events = smallEvents();
    const store = LogFileStore.openUnscanned(writeLog(tmpDir(), 'u.log', events));
    expect(store.knownVersion).toBeNull();
    expect([...store.readSync(0)]).toEqual(events);
    expect(store.knownVersion).toBe(events.length);
    expect(store.version).toBe(events.length);
  });

  test('a flipped byte is a LogCorruptError from the read, after the events before it; version scans too', () => {
    const file = writeLog(tmpDir(), 'v.log', smallEvents());
    const data = fs.readFileSync(file);
    const page = frames(data).filter((f) => f.kind === 'pageContent').at(-1)!;
    data[page.end - 100] ^= 0x01;
    fs.writeFileSync(file, data);
    const store = LogFileStore.openUnscanned(file);
    const seen: number[] = [];
    expect(() => { for (const r of store.readSync(0)) seen.push(r.seq); }).toThrow(LogCorruptError);
    expect(seen.length).toBeGreaterThan(0);
    expect(store.knownVersion).toBeNull();
    expect(() => store.version).toThrow(LogCorruptError);
  });

  test('a read stopped early does not stand for the scan', () => {
    const events = smallEvents();
    const store = LogFileStore.openUnscanned(writeLog(tmpDir(), 'w.log', events));
    for (const r of store.readSync(0)) if (r.seq === 1) break;
    expect(store.knownVersion).toBeNull();
    expect(store.version).toBe(events.length);
  });
});
