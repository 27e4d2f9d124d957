// Device identity (id + sysfs inode) on a fake sysfs root: a device re-created under the same id
// is not the one an old identity names; nodeMismatch refuses a regular file at the /dev path.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deviceGone, identityOf, nodeMismatch, sameDevice, sysfsDir } from '../../src/kernel/device';

let root: string;
beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-ident-')); });
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const addFake = (id: number): void => { fs.mkdirSync(sysfsDir(id, root), { recursive: true }); };

describe('device identity', () => {
  test('the identity of an existing device is its id and the inode of its sysfs directory', () => {
    addFake(3);
    expect(identityOf(3, root)).toEqual({ id: 3, ino: fs.statSync(sysfsDir(3, root)).ino });
    expect(identityOf(4, root)).toBeNull();
  });

  test('same device while it stays; gone once removed', () => {
    addFake(3);
    const who = identityOf(3, root)!;
    expect([sameDevice(who, root), deviceGone(who, root)]).toEqual([true, false]);
    fs.rmdirSync(sysfsDir(3, root));
    expect([sameDevice(who, root), deviceGone(who, root)]).toEqual([false, true]);
  });

  test('re-created under the same id (another inode): not the same device, so ours counts as gone', () => {
    addFake(3);
    const who = identityOf(3, root)!;
    // keep the old directory (so its inode is not reused) and make a new zram3
    fs.renameSync(sysfsDir(3, root), path.join(root, 'old'));
    addFake(3);
    expect(identityOf(3, root)!.ino).not.toBe(who.ino);
    expect([sameDevice(who, root), deviceGone(who, root)]).toEqual([false, true]);
    expect(sameDevice(identityOf(3, root)!, root)).toBe(true);
  });

  test('a different id with the same inode number is not the same device', () => {
    addFake(3);
    const who = identityOf(3, root)!;
    expect(sameDevice({ id: 4, ino: who.ino }, root)).toBe(false);
  });
});

describe('nodeMismatch', () => {
  const setUp = (): string => {
    fs.mkdirSync(path.join(root, 'sys/block/zram7'), { recursive: true });
    fs.writeFileSync(path.join(root, 'sys/block/zram7/dev'), '252:7\n');
    fs.mkdirSync(path.join(root, 'dev'));
    return path.join(root, 'dev/zram7');
  };

  test('a regular file at the node is refused with one line naming it and the fix', () => {
    fs.writeFileSync(setUp(), Buffer.alloc(4096));
    const why = nodeMismatch('zram7', path.join(root, 'sys'), path.join(root, 'dev'));
    expect(why).toBe('/dev/zram7 is not the block device 252:7 (a stray file? remove it and re-create the device)');
  });

  test('no node, and no device', () => {
    setUp();
    expect(nodeMismatch('zram7', path.join(root, 'sys'), path.join(root, 'dev'))).toMatch(/has no device node/);
    expect(nodeMismatch('zram8', path.join(root, 'sys'), path.join(root, 'dev'))).toBe('/dev/zram8 does not exist');
  });
});
