// Test helpers: replay an in-memory event sequence through an implementation into strings.
import type { Recorded, ZramEvent } from '../../src/events/types';
import type { Implementation } from '../../src/replay/implementation';
import { OUTPUTS_FORMAT, OUTPUTS_VERSION, formatRecord, type OutputRecord } from '../../src/replay/outputs';
import { runReplay } from '../../src/replay/run';
import type { TimingRecord } from '../../src/replay/timing';
import { asAsync } from './small-sequence';

export interface Replayed { outputs: string; records: OutputRecord[]; timing: TimingRecord[] }

export async function replayToStrings(impl: Implementation, events: Iterable<Recorded<ZramEvent>> | AsyncIterable<Recorded<ZramEvent>>,
  every = 10, inputDigest = 'test:small'): Promise<Replayed> {
  const records: OutputRecord[] = [];
  const timing: TimingRecord[] = [];
  const src = Symbol.asyncIterator in events ? events : asAsync(events);
  await runReplay(impl, src, { output: (r) => records.push(r), timing: (t) => timing.push(t) }, {
    header: { format: OUTPUTS_FORMAT, version: OUTPUTS_VERSION, toolVersion: '0.1.0', inputDigest, inputName: 'small',
      options: { algorithm: '', params: '', disksize: '', memLimit: '', variant: 'claim', content: 'exact', every,
        kernelConfig: 'default' } },
    every,
  });
  await impl.close();
  return { outputs: records.map(formatRecord).join(''), records, timing };
}
