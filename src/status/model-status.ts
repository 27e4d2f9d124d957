// The model's status after a replay of INPUT: the zramctl row of the device it ends in and the
// zsmalloc class table (debugfs classes). The replay runs on the model with the recorded knobs.
import { mmStatFields } from '../device/sysfs/show';
import type { DeviceState } from '../device/state';
import { ModelImplementation } from '../replay/model-implementation';
import { replaySession } from '../replay/session';
import type { ClassStat } from '../zsmalloc/class-stats';
import type { StatusRow } from './columns';

export interface ModelStatus { row: StatusRow; classes: ClassStat[] | null }

/** The zramctl row of a model device state. STREAMS and MOUNTPOINT: the model has neither. */
export function modelRow(name: string, s: Readonly<DeviceState>): StatusRow {
  const mm = mmStatFields(s as DeviceState);
  return { name, algorithm: s.disksize > 0 ? s.compAlgorithm : '', disksize: s.disksize, data: mm[0], compr: mm[1],
    total: mm[2], streams: null, zeroPages: mm[5], memLimit: mm[3], memUsed: mm[4], migrated: mm[6], mountpoint: '' };
}

export async function modelStatus(input: string, content: string,
  onProgress?: (done: number, total: number) => void): Promise<ModelStatus> {
  const impl = new ModelImplementation();
  const { report } = await replaySession({ input, knobs: {}, variant: 'claim', content, every: 0,
    target: async () => impl, onProgress });
  const s = impl.deviceState;
  return { row: modelRow(`model:${report.header.inputName}`, s), classes: s.pool ? s.pool.classStats() : null };
}
