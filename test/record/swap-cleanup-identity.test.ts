// record --cleanup's swap step: a device the state names by identity that is gone (its id possibly
// someone else's device, maybe swap, now) is not swapped off; a bare id of an older state is.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DeviceIdentity } from '../../src/kernel/device';
import type { RecorderState } from '../../src/record/state-file';
import { undoSwap } from '../../src/record/swap-cleanup';

const ID = 987_654; // no such device here
function state(created: DeviceIdentity | number, dir: string): RecorderState {
  return { pid: 0, started: '', createdDevices: [created], tracedDevice: null, tracefs: null, blktracePid: null,
    memLimit: null, tmpDir: null, guardianPid: null,
    swap: { device: `zram${ID}`, cgroup: path.join(dir, 'no-cgroup'), lockDir: path.join(dir, 'no-lock'),
      workerPids: [] } };
}

describe('undoSwap and device identity', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zram-ref-swapundo-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a gone identity: swapoff skipped and said so', () => {
    const done: string[] = [];
    undoSwap(state({ id: ID, ino: 1 }, dir), done, []);
    expect(done).toContain(`/dev/zram${ID}: device already gone (the id may be another's): no swapoff`);
  });

  test('a bare id (older state): no such note (swapoff is attempted as before)', () => {
    const done: string[] = [];
    undoSwap(state(ID, dir), done, []);
    expect(done.filter((d) => d.includes('no swapoff'))).toEqual([]);
  });
});
