// Removal by a stale identity on the real kernel: a device re-created under an id we once had (or
// one whose inode differs from what we recorded) is someone else's; every removal path must leave
// it alone and call ours gone. Only devices created here are touched.
import { configureDevice, createDevice, DeviceIdentity, deviceGone, liveIdentity, removeDevice, sameDevice }
  from '../../src/kernel/device';
import { resetAndRemoveWithin } from '../../src/kernel/remove-async';
import { readAttr } from '../../src/kernel/sysfs';
import { cleanupState } from '../../src/record/cleanup';
import type { RecorderState } from '../../src/record/state-file';
import { describeKernel } from '../helpers/kernel';

const stateWith = (createdDevices: (DeviceIdentity | number)[]): RecorderState => ({ pid: 0, started: '',
  createdDevices,
  tracedDevice: null, tracefs: null, blktracePid: null, memLimit: null, tmpDir: null, guardianPid: null });

describeKernel('a stale identity never removes the device now under its id', () => {
  let id = -1;
  afterEach(() => {
    if (id >= 0) expect(removeDevice(id)).toBeNull();
    id = -1;
  });

  /** A configured device of ours (so a wrong reset would show as disksize 0) and an identity
   * naming the same id with another inode: what a cleanup holds after its device went and the
   * id was given to a new one. */
  const victim = (): { who: DeviceIdentity; stale: DeviceIdentity } => {
    id = createDevice();
    configureDevice(id, { disksize: '1M' });
    const who = liveIdentity(id);
    return { who, stale: { id, ino: who.ino + 1 } };
  };
  const untouched = (who: DeviceIdentity): void => {
    expect(sameDevice(who)).toBe(true);
    expect(readAttr(id, 'disksize').trim()).toBe(String(1 << 20));
  };

  test('removeDevice(stale): null (gone), device left configured', () => {
    const { who, stale } = victim();
    expect(removeDevice(stale)).toBeNull();
    expect(deviceGone(stale)).toBe(true);
    untouched(who);
  });

  test('explore\'s async removal: a stale identity leaves it, the right one removes it', async () => {
    const { who, stale } = victim();
    expect(await resetAndRemoveWithin(stale, 10_000)).toBeNull();
    untouched(who);
    expect(await resetAndRemoveWithin(who, 10_000)).toBeNull();
    expect(deviceGone(who)).toBe(true);
  });

  test('record --cleanup of a dead recorder\'s state: a stale identity and a bare id are left alone', () => {
    const { who, stale } = victim();
    expect(cleanupState(stateWith([stale])).done).toEqual([]);
    untouched(who);
    const r = cleanupState(stateWith([id]));
    expect(r.errors).toEqual([]);
    const left = new RegExp(`^zram${id} left alone \\(old state without device identity`);
    expect(r.done).toEqual([expect.stringMatching(left)]);
    untouched(who);
  });

  test('a device really re-created under our old id is left alone by the old identity', () => {
    const first = createDevice();
    const old = liveIdentity(first);
    expect(removeDevice(first)).toBeNull();
    id = createDevice(); // usually the same id again (the lowest free one), unless another process took it
    configureDevice(id, { disksize: '1M' });
    const who = liveIdentity(id);
    const stale = who.id === old.id ? old : { id, ino: old.ino };
    expect(stale.ino).not.toBe(who.ino);
    expect(removeDevice(stale)).toBeNull();
    expect(cleanupState(stateWith([stale])).errors).toEqual([]);
    untouched(who);
  });

  test('the right identity still removes it', () => {
    const { who } = victim();
    expect(cleanupState(stateWith([who])).done).toEqual([`zram${who.id} removed`]);
    expect(deviceGone(who)).toBe(true);
    id = -1;
  });
});
